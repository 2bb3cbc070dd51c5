import { getTranslations } from "next-intl/server";
import { CORRECTION_REASON_MAX } from "@/server/notice/text";
import { ConfirmBox } from "./ConfirmBox";

type Linkable = { matters: { id: string; title: string; stage: string }[]; votes: { id: string; text: string; meeting: string }[] };

/** Admins only: the organization's default notice period, and recording a held decision vote on a matter. */
export async function AdminForms({ orgId, noticeDays, linkable, back }: { orgId: string; noticeDays: number; linkable: Linkable; back: string }) {
  const t = await getTranslations("noticeDesk");
  return (
    <>
      <section aria-labelledby="notice-days">
        <h2 id="notice-days">{t("daysTitle")}</h2>
        <form method="post" action={`/api/notices/orgs/${encodeURIComponent(orgId)}/notice-days`} className="nb-form">
          <input type="hidden" name="back" value={back} />
          <label htmlFor="notice-days-input">{t("daysLabel")}</label>
          <input type="number" id="notice-days-input" name="noticeDays" min={1} max={60} defaultValue={noticeDays} required />
          <div>
            <button type="submit" className="secondary">
              {t("daysSubmit")}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="link-vote">
        <h2 id="link-vote">{t("linkTitle")}</h2>
        <p className="hint">{t("linkIntro")}</p>
        {linkable.matters.length === 0 || linkable.votes.length === 0 ? (
          <p>{t("noLinkable")}</p>
        ) : (
          <form method="post" action="/api/notices/link-decision" className="nb-form">
            <input type="hidden" name="back" value={back} />
            <label htmlFor="link-matter">{t("linkMatter")}</label>
            <select id="link-matter" name="matterId" required>
              {linkable.matters.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                </option>
              ))}
            </select>
            <label htmlFor="link-vote-select">{t("linkVote")}</label>
            <select id="link-vote-select" name="motionId" required>
              {linkable.votes.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.meeting}：{v.text}
                </option>
              ))}
            </select>
            <label htmlFor="link-reason">{t("linkReason")}</label>
            <input type="text" id="link-reason" name="reason" maxLength={CORRECTION_REASON_MAX} required />
            <ConfirmBox id="link-confirm" label={t("linkConfirm")} />
            <button type="submit">{t("linkSubmit")}</button>
          </form>
        )}
      </section>
    </>
  );
}
