import { getFormatter, getTranslations } from "next-intl/server";
import { type MatterStage, STAGE_INFO } from "@/server/domain/matter";
import { adminMeeting } from "@/server/queries/adminMeetings";
import { deliveryBoard } from "@/server/queries/noticeDelivery";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { ArchiveSection } from "../../../components/archive/ArchiveSection";
import { MeetingFields } from "../../MeetingFields";
import type { Query } from "../../query";
import { Back, Denied, FormStatus, localeKey } from "../../ui";
import { AgendaSection } from "./AgendaSection";
import { MaterialsSection } from "./MaterialsSection";
import { NoticeSection } from "./NoticeSection";

export const dynamic = "force-dynamic";

/** A meeting as its admin prepares it: details with legal warnings, agenda tied to matters, materials. */
export default async function AdminMeetingPage({ params, searchParams }: { params: Promise<{ meetingId: string }>; searchParams: Promise<Query> }) {
  const { meetingId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminMeeting(viewer, meetingId));
  if (!result.ok) return <Denied code={result.code} />;
  const meeting = result.data;
  const board = await deliveryBoard(viewer, meeting.id);
  const t = await getTranslations("adminMeetings");
  const tm = await getTranslations("me");
  const format = await getFormatter();
  const locale = await localeKey();
  const editable = meeting.state === "draft" || meeting.state === "scheduled";
  const back = `/admin/meetings/${meeting.id}`;
  const stageName = (stage: string) => STAGE_INFO[stage as MatterStage]?.name[locale] ?? stage;
  return (
    <div>
      <p>
        <a href={`/admin/orgs/${meeting.orgId}/meetings`}>{t("backToList")}</a>
      </p>
      <h1>
        {meeting.body.name} · {meeting.number}
      </h1>
      <p>{meeting.title}</p>
      <p className="muted">
        {format.dateTime(meeting.startsAt, { year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" })} ·{" "}
        {meeting.place} · {tm(`state.${meeting.state}` as "state.scheduled")}
      </p>
      <FormStatus query={query} />
      {meeting.warnings.length > 0 ? (
        <div className="warn-list" role="note">
          <h2>{t("warnings")}</h2>
          <ul>
            {meeting.warnings.map((w) => (
              <li key={w.code}>
                {w.message[locale]}（{w.legalBasis}）
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="actions">
        <a className="button secondary" href={`/meetings/${meeting.id}`}>
          {t("memberView")}
        </a>
      </p>
      <NoticeSection board={board} editable={editable} back={back} locale={locale} />
      <AgendaSection meeting={meeting} editable={editable} back={back} stageName={stageName} />
      <MaterialsSection meeting={meeting} editable={editable} back={back} />
      <ArchiveSection kind="meeting" id={meeting.id} />
      {editable ? (
        <section className="card" aria-labelledby="edit-meeting">
          <h2 id="edit-meeting">{t("edit")}</h2>
          <form method="post" action={`/api/admin/meetings/${meeting.id}`}>
            <Back to={back} />
            <MeetingFields values={meeting} />
            <p>
              <button type="submit">{t("save")}</button>
            </p>
          </form>
        </section>
      ) : (
        <p className="muted">{t("started")}</p>
      )}
    </div>
  );
}
