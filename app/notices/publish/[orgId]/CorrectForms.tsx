import { getTranslations } from "next-intl/server";
import { noticePath } from "@/server/notice/links";
import { CORRECTION_REASON_MAX, NOTICE_BODY_MAX } from "@/server/notice/text";
import type { CurrentNotice } from "@/server/queries/noticePublishing";
import { dateFormats } from "../../../n/parts";
import { ConfirmBox } from "./ConfirmBox";

/** The notices in force, each with a folded correction form: a correction is a new notice with a reason. */
export async function CorrectForms({ notices, orgId, back }: { notices: CurrentNotice[]; orgId: string; back: string }) {
  const t = await getTranslations("noticeDesk");
  const tn = await getTranslations("notices");
  const f = await dateFormats();
  return (
    <section aria-labelledby="current-notices">
      <h2 id="current-notices">{t("currentTitle")}</h2>
      {notices.length === 0 ? <p>{t("noCurrent")}</p> : null}
      {notices.map((n) => (
        <article key={n.id} className="nb-card" aria-labelledby={`n-${n.id}`}>
          <h3 id={`n-${n.id}`}>
            <a href={noticePath(orgId, n.id)}>{n.title}</a>
          </h3>
          <p className="hint">
            {t("postedLine", { kind: tn(n.kind === "result" ? "kind.result" : "kind.decision"), date: f.date(n.postedAt), ends: f.dateTime(n.endsAt) })}
          </p>
          <details className="nb-details">
            <summary>{t("correctSummary")}</summary>
            <form method="post" action={`/api/notices/${encodeURIComponent(n.id)}/correct`} className="nb-form">
              <input type="hidden" name="back" value={back} />
              <label htmlFor={`r-${n.id}`}>{t("reasonLabel")}</label>
              <input type="text" id={`r-${n.id}`} name="reason" maxLength={CORRECTION_REASON_MAX} required />
              <label htmlFor={`b-${n.id}`}>{t("correctBodyLabel")}</label>
              <textarea id={`b-${n.id}`} name="body" defaultValue={n.body} maxLength={NOTICE_BODY_MAX} required rows={5} />
              <label htmlFor={`d-${n.id}`}>{t("periodLabel")}</label>
              <input type="number" id={`d-${n.id}`} name="periodDays" min={1} max={60} defaultValue={n.periodDays} required />
              <ConfirmBox id={`c-${n.id}`} label={t("correctConfirm")} />
              <button type="submit">{t("correctSubmit")}</button>
            </form>
          </details>
        </article>
      ))}
    </section>
  );
}
