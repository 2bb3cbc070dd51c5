import { getFormatter, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { currentAccount } from "@/server/auth/session";
import { myMeetings } from "@/server/queries/myMeetings";

export const dynamic = "force-dynamic";

export default async function MyMeetingsPage() {
  const account = await currentAccount();
  if (!account) redirect("/login");
  const t = await getTranslations("me");
  const format = await getFormatter();
  const meetings = await myMeetings(account.id);
  return (
    <div>
      <h1>{t("title")}</h1>
      <p>{t("greeting", { name: account.name })}</p>
      {meetings.length === 0 ? <p>{t("none")}</p> : null}
      <ul className="list-plain">
        {meetings.map((meeting) => (
          <li key={meeting.id} className="card">
            <h2>{meeting.bodyName} · {meeting.number}</h2>
            <dl className="facts">
              <dt>{t("when")}</dt>
              <dd>
                {format.dateTime(meeting.startsAt, { year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" })}
              </dd>
              <dt>{t("where")}</dt>
              <dd>{meeting.place}</dd>
              <dt>{t("body")}</dt>
              <dd>{meeting.orgName}</dd>
            </dl>
            <p><strong>{t(`state.${meeting.state}` as "state.scheduled")}</strong></p>
            <p className="card-actions">
              <a className="button" href={`/meetings/${meeting.id}/live`}>{t("enter")}</a>
              <a className="button secondary" href={`/meetings/${meeting.id}`}>{t("details")}</a>
            </p>
            {meeting.agenda.length > 0 ? (
              <>
                <h3>{t("agenda")}</h3>
                <ol>{meeting.agenda.map((item) => <li key={item.position}>{item.title}</li>)}</ol>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
