import { getFormatter, getTranslations } from "next-intl/server";
import { adminMeetings } from "@/server/queries/adminMeetings";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { MeetingFields } from "../../../MeetingFields";
import type { Query } from "../../../query";
import { Back, Denied, FormStatus, OrgNav } from "../../../ui";

export const dynamic = "force-dynamic";

/** 会议: the organization's meetings and a form to schedule one. */
export default async function MeetingsPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminMeetings(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const { meetings, bodies } = result.data;
  const t = await getTranslations("adminMeetings");
  const tm = await getTranslations("me");
  const format = await getFormatter();
  return (
    <div>
      <h1>{t("title")}</h1>
      <OrgNav orgId={orgId} current="meetings" />
      <FormStatus query={query} />
      {meetings.length === 0 ? <p>{t("none")}</p> : null}
      <ul className="list-plain">
        {meetings.map((m) => (
          <li key={m.id} className="card">
            <h2>
              <a href={`/admin/meetings/${m.id}`}>
                {m.body.name} · {m.number}
              </a>
            </h2>
            <p>{m.title}</p>
            <p className="muted">
              {format.dateTime(m.startsAt, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" })} · {m.place} ·{" "}
              {tm(`state.${m.state}` as "state.scheduled")} · {t("agendaCount", { count: m._count.agenda })} ·{" "}
              {t("materialCount", { count: m._count.materials })}
            </p>
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="schedule">
        <h2 id="schedule">{t("schedule")}</h2>
        {bodies.length === 0 ? (
          <p>
            {t("noBodies")} <a href={`/admin/orgs/${orgId}/bodies`}>{t("toBodies")}</a>
          </p>
        ) : (
          <form method="post" action="/api/admin/meetings">
            <Back to={`/admin/orgs/${orgId}/meetings`} />
            <label htmlFor="m-body">{t("body")}</label>
            <select id="m-body" name="bodyId" required defaultValue={bodies[0]?.id}>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
            <MeetingFields />
            <fieldset>
              <legend>{t("firstItems")}</legend>
              {[1, 2, 3].map((n) => (
                <div key={n}>
                  <label htmlFor={`m-item-${n}`}>{t("itemN", { n })}</label>
                  <input id={`m-item-${n}`} name="agendaTitle" type="text" maxLength={200} />
                </div>
              ))}
              <p className="hint">{t("itemsLater")}</p>
            </fieldset>
            <p>
              <button type="submit">{t("scheduleSubmit")}</button>
            </p>
          </form>
        )}
      </section>
    </div>
  );
}
