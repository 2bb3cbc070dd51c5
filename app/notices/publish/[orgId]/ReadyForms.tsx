import { getLocale, getTranslations } from "next-intl/server";
import { type MatterStage, STAGE_INFO } from "@/server/domain/matter";
import { NOTICE_BODY_MAX, TITLE_MAX } from "@/server/notice/text";
import type { ReadyMatter } from "@/server/queries/noticePublishing";
import { ConfirmBox } from "./ConfirmBox";

type Props = { items: ReadyMatter[]; kind: "decision" | "result"; back: string; noticeDays: number };

/** One publish form per matter waiting for its decision notice (S4/S5) or its implementation result (S6/S7). */
export async function ReadyForms({ items, kind, back, noticeDays }: Props) {
  const t = await getTranslations("noticeDesk");
  const ti = await getTranslations("implementation");
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  const isDecision = kind === "decision";
  return (
    <section aria-labelledby={`${kind}-ready`}>
      <h2 id={`${kind}-ready`}>{isDecision ? t("decisionsTitle") : t("resultsTitle")}</h2>
      {items.length === 0 ? <p>{isDecision ? t("noDecisions") : t("noResults")}</p> : null}
      {items.map((item) => {
        const id = `${kind}-${item.matterId}`;
        const s = item.summary;
        return (
          <article key={item.matterId} className="nb-card" aria-labelledby={`${id}-title`}>
            <h3 id={`${id}-title`}>{item.title}</h3>
            <p className="hint">{t("stage", { stage: STAGE_INFO[item.stage as MatterStage]?.name[locale] ?? item.stage })}</p>
            {s ? (
              <p>
                {t("voteLine", { body: s.bodyName, number: s.meetingNumber, yes: s.yes, no: s.no, abstain: s.abstain, outcome: t("passedWord") })}
                <br />
                <span className="hint">{s.legalBasis.join("；")}</span>
              </p>
            ) : null}
            <form method="post" action="/api/notices/publish" className="nb-form">
              <input type="hidden" name="back" value={back} />
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="matterId" value={item.matterId} />
              <label htmlFor={`${id}-t`}>{t("titleLabel")}</label>
              <input type="text" id={`${id}-t`} name="title" defaultValue={item.title} maxLength={TITLE_MAX} required />
              <label htmlFor={`${id}-b`}>{isDecision ? t("bodyLabel") : t("resultLabel")}</label>
              <p id={`${id}-bh`} className="hint">
                {isDecision ? t("bodyHint") : item.resultDraft ? ti("resultFromRecord") : t("resultHint")}
              </p>
              <textarea
                id={`${id}-b`}
                name="body"
                defaultValue={isDecision ? (s?.motionText ?? "") : (item.resultDraft ?? "")}
                maxLength={NOTICE_BODY_MAX}
                required
                rows={isDecision ? 3 : item.resultDraft ? 12 : 6}
                aria-describedby={`${id}-bh`}
              />
              <label htmlFor={`${id}-d`}>{t("periodLabel")}</label>
              <p id={`${id}-dh`} className="hint">
                {t("periodHint", { days: noticeDays })}
              </p>
              <input type="number" id={`${id}-d`} name="periodDays" min={1} max={60} defaultValue={noticeDays} required aria-describedby={`${id}-dh`} />
              <ConfirmBox id={`${id}-c`} label={t("confirm")} />
              <button type="submit">{isDecision ? t("publishDecision") : t("publishResult")}</button>
            </form>
          </article>
        );
      })}
    </section>
  );
}
