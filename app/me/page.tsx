import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { myMeetings } from "@/server/queries/myMeetings";
import { myOrganizations } from "@/server/queries/myOrganizations";
import { myNotices } from "@/server/queries/noticeDelivery";
import type { Query } from "../admin/query";
import { FormStatus } from "../admin/ui";
import { MeetingNotice } from "./MeetingNotice";

export const dynamic = "force-dynamic";

export default async function MyMeetingsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const account = await currentAccount();
  if (!account) redirect("/login");
  // An initial password set by the admin (or a QR login) is replaced by the member's own before anything else.
  if (account.mustSetPassword) redirect("/login/qr/password");
  const t = await getTranslations("me");
  const format = await getFormatter();
  const meetings = await myMeetings(account.id);
  // Before a meeting: the notice to sign for, leave and online attendance (issue #22).
  const notices = await myNotices(
    account.id,
    meetings.filter((m) => m.state === "scheduled").map((m) => m.id),
  );
  return (
    <div>
      <h1>{t("title")}</h1>
      <p>{t("greeting", { name: account.name })}</p>
      <FormStatus query={await searchParams} />
      <p className="card-actions">
        {(await myOrganizations(account.id))
          .filter((o) => o.level === "village")
          .map((o) => (
            <a key={o.id} className="button secondary" href={`/proposals/${o.id}`}>
              {t("proposals", { org: o.name })}
            </a>
          ))}
        {(await myOrganizations(account.id))
          .filter((o) => o.level === "township")
          .map((o) => (
            <a key={o.id} className="button" href={`/township/${o.id}`}>
              {t("township", { org: o.name })}
            </a>
          ))}
      </p>
      <form method="post" action="/api/account/logout-everywhere">
        <button type="submit" className="secondary">
          {t("logoutEverywhere")}
        </button>
      </form>
      {meetings.length === 0 ? <p>{t("none")}</p> : null}
      {(["upcoming", "past"] as const).map((group) => {
        const list = meetings.filter((m) => (group === "past") === ["adjourned", "minutes_signed", "archived"].includes(m.state));
        if (list.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`group-${group}`}>
            <h2 id={`group-${group}`}>{t(group)}</h2>
            <ul className="list-plain">
              {list.map((meeting) => (
                <li key={meeting.id} className="card">
                  <h3>
                    {meeting.bodyName} · {meeting.number}
                  </h3>
                  <dl className="facts">
                    <dt>{t("when")}</dt>
                    <dd>
                      {format.dateTime(meeting.startsAt, {
                        year: "numeric",
                        month: "long",
                        day: "numeric",
                        weekday: "short",
                        hour: "2-digit",
                        minute: "2-digit",
                      })}
                    </dd>
                    <dt>{t("where")}</dt>
                    <dd>{meeting.place}</dd>
                    <dt>{t("body")}</dt>
                    <dd>{meeting.orgName}</dd>
                  </dl>
                  <p>
                    <strong>{t(`state.${meeting.state}` as "state.scheduled")}</strong>
                  </p>
                  {notices.get(meeting.id)?.isMember ? (
                    <MeetingNotice meetingId={meeting.id} notice={notices.get(meeting.id) as NonNullable<ReturnType<typeof notices.get>>} />
                  ) : null}
                  <p className="card-actions">
                    <a className="button" href={`/meetings/${meeting.id}/live`}>
                      {t("enter")}
                    </a>
                    <a className="button secondary" href={`/meetings/${meeting.id}`}>
                      {t("details")}
                    </a>
                  </p>
                  {meeting.agenda.length > 0 ? (
                    <>
                      <h4>{t("agenda")}</h4>
                      <ol>
                        {meeting.agenda.map((item) => (
                          <li key={item.position}>{item.title}</li>
                        ))}
                      </ol>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
