import { getFormatter, getTranslations } from "next-intl/server";
import type { MyNotice } from "@/server/queries/noticeDelivery";

/**
 * On a member's 我的会议 card before the meeting: sign for the notice (签收), ask for leave with a reason, or say they
 * will attend online (only where it counts) or in person. Plain forms: they work without JavaScript.
 */
export async function MeetingNotice({ meetingId, notice }: { meetingId: string; notice: MyNotice }) {
  const t = await getTranslations("delivery");
  const format = await getFormatter();
  const action = `/api/meetings/${meetingId}`;
  const intentKind = notice.intent?.kind;
  return (
    <div className="card" data-testid="my-notice">
      <p>
        <a href={`/meetings/${meetingId}/notice`}>{t("noticeLink")}</a>
      </p>
      {!notice.issued ? (
        <p className="muted">{t("notIssuedYet")}</p>
      ) : notice.receivedAt ? (
        <p role="status">
          <strong>{t("signed", { date: format.dateTime(notice.receivedAt, { month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" }) })}</strong>
        </p>
      ) : (
        <form method="post" action={`${action}/notice/sign`}>
          <input type="hidden" name="back" value="/me" />
          <button type="submit">{t("signFor")}</button>
        </form>
      )}
      {notice.intent ? (
        <p>
          <strong>{t("yourIntent", { kind: t(`intents.${notice.intent.kind}` as "intents.leave") })}</strong>
          {notice.intent.reason ? `（${notice.intent.reason}）` : ""}
        </p>
      ) : null}
      {intentKind !== "leave" ? (
        <details>
          <summary>{t("leaveTitle")}</summary>
          <form method="post" action={`${action}/intent`}>
            <input type="hidden" name="back" value="/me" />
            <input type="hidden" name="kind" value="leave" />
            <label htmlFor={`reason-${meetingId}`}>{t("reason")}</label>
            <input id={`reason-${meetingId}`} name="reason" type="text" required maxLength={200} />
            <p>
              <button type="submit" className="secondary">
                {t("askLeave")}
              </button>
            </p>
          </form>
        </details>
      ) : null}
      <div className="card-actions">
        {notice.onlineRule && intentKind !== "online" ? (
          <form method="post" action={`${action}/intent`}>
            <input type="hidden" name="back" value="/me" />
            <input type="hidden" name="kind" value="online" />
            <button type="submit" className="secondary">
              {t("online")}
            </button>
          </form>
        ) : null}
        {intentKind && intentKind !== "in_person" ? (
          <form method="post" action={`${action}/intent`}>
            <input type="hidden" name="back" value="/me" />
            <input type="hidden" name="kind" value="in_person" />
            <button type="submit" className="secondary">
              {t("willAttend")}
            </button>
          </form>
        ) : null}
      </div>
      {notice.onlineRule ? <p className="hint">{t("onlineRule", { rule: notice.onlineRule })}</p> : null}
    </div>
  );
}
