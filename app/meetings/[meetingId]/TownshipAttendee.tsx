import { getTranslations } from "next-intl/server";
import type { townshipAttendeePanel } from "@/server/queries/townshipParticipation";

type Panel = NonNullable<Awaited<ReturnType<typeof townshipAttendeePanel>>>;

/** 镇街工作人员列席 (issue #20): who of the township attends, and for the chair or recorder a form to add one. */
export async function TownshipAttendee({ meetingId, panel, done, reason }: { meetingId: string; panel: Panel; done: boolean; reason?: string }) {
  const t = await getTranslations("townPart");
  return (
    <section aria-labelledby="township-attendee-title" id="township-attendee">
      <h2 id="township-attendee-title">{t("attendeeTitle")}</h2>
      <p className="hint">{t("attendeeIntro")}</p>
      {done ? (
        <p className="notice" role="status">
          {t("attendeeAdded")}
        </p>
      ) : null}
      {reason && t.has(`reasons.${reason}`) ? (
        <p className="alert" role="alert">
          {t(`reasons.${reason}` as "reasons.already_attending")}
        </p>
      ) : null}
      {panel.attending.length === 0 ? (
        <p>{t("attendeeNone")}</p>
      ) : (
        <ul aria-label={t("attending")}>
          {panel.attending.map((a) => (
            <li key={a.id}>
              {a.name}（{[a.affiliation, a.title].filter(Boolean).join("，")}）
            </li>
          ))}
        </ul>
      )}
      {panel.canAdd ? (
        panel.reviewers.length === 0 ? (
          panel.attending.length === 0 ? (
            <p>{t("attendeeNoReviewers")}</p>
          ) : null
        ) : (
          <form method="post" action={`/api/meetings/${meetingId}/township-attendee`} className="stack">
            <label htmlFor="township-reviewer">{t("attendeePick")}</label>
            <select id="township-reviewer" name="accountId" required>
              {panel.reviewers.map((r) => (
                <option key={r.accountId} value={r.accountId}>
                  {r.name}
                </option>
              ))}
            </select>
            <button type="submit">{t("attendeeAdd")}</button>
          </form>
        )
      ) : null}
    </section>
  );
}
