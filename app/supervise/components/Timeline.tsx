import { getFormatter, getTranslations } from "next-intl/server";
import { SYSTEM_ACTOR, type Timeline as TimelineData, type TimelineFilter } from "@/server/queries/auditTimeline";
import { actionLabel, roleLabel } from "./actionLabel";

type Props = { orgId: string; timeline: TimelineData; filter: TimelineFilter };

function pageHref(orgId: string, filter: TimelineFilter, page: number): string {
  const query = new URLSearchParams();
  for (const key of ["meeting", "actor", "action", "from", "to"] as const) {
    const value = filter[key];
    if (value) query.set(key, value);
  }
  query.set("page", String(page));
  return `/supervise/${orgId}?${query.toString()}#timeline`;
}

/** The log, newest first: a plain GET form of filters (works without JavaScript), the entries, and paging links. */
export async function Timeline({ orgId, timeline, filter }: Props) {
  const t = await getTranslations("supervise");
  const tAction = await getTranslations("auditActions");
  const tRole = await getTranslations("auditRoles");
  const format = await getFormatter();
  const { options } = timeline;
  const meetingLabel = new Map(options.meetings.map((m) => [m.id, m.label]));
  return (
    <section aria-labelledby="timeline-title" id="timeline">
      <h2 id="timeline-title">{t("timelineTitle")}</h2>
      <form method="get" action={`/supervise/${orgId}#timeline`} className="filters">
        <div>
          <label htmlFor="f-meeting">{t("filterMeeting")}</label>
          <select id="f-meeting" name="meeting" defaultValue={filter.meeting ?? ""}>
            <option value="">{t("filterAll")}</option>
            {options.meetings.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-actor">{t("filterActor")}</label>
          <select id="f-actor" name="actor" defaultValue={filter.actor ?? ""}>
            <option value="">{t("filterAll")}</option>
            {options.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id === SYSTEM_ACTOR ? t("filterSystem") : a.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-action">{t("filterAction")}</label>
          <select id="f-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">{t("filterAll")}</option>
            {options.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(tAction, a)}（{a}）
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from">{t("filterFrom")}</label>
          <input id="f-from" type="date" name="from" defaultValue={filter.from ?? ""} />
        </div>
        <div>
          <label htmlFor="f-to">{t("filterTo")}</label>
          <input id="f-to" type="date" name="to" defaultValue={filter.to ?? ""} />
        </div>
        <div className="filter-actions">
          <button type="submit">{t("filterApply")}</button>
          <a className="button secondary" href={`/supervise/${orgId}#timeline`}>
            {t("filterReset")}
          </a>
        </div>
      </form>
      <p aria-live="polite">{t("timelineCount", { total: timeline.total, page: timeline.page, pages: timeline.pages })}</p>
      {timeline.entries.length === 0 ? <p>{t("timelineNone")}</p> : null}
      <ol className="list-plain timeline" reversed>
        {timeline.entries.map((e) => (
          <li key={e.seq} className="card entry" data-seq={e.seq}>
            <h3>
              <span className="seq">{t("entrySeq", { seq: e.seq })}</span> {actionLabel(tAction, e.action)} <code>{e.action}</code>
            </h3>
            {e.problem ? <p className="alert">{t("entryProblem", { problem: e.problem })}</p> : null}
            <dl className="facts">
              {e.ts ? (
                <>
                  <dt>{t("entryTime")}</dt>
                  <dd>
                    <time dateTime={e.ts}>
                      {format.dateTime(new Date(e.ts), {
                        year: "numeric",
                        month: "long",
                        day: "numeric",
                        hour: "2-digit",
                        minute: "2-digit",
                        second: "2-digit",
                      })}
                    </time>
                  </dd>
                </>
              ) : null}
              <dt>{t("entryActor")}</dt>
              <dd>{e.actor ? `${e.actor.name}（${roleLabel(tRole, e.actor.role)}）` : t("entrySystem")}</dd>
              <dt>{t("entryObject")}</dt>
              <dd className="mono">
                {e.object.type} {e.object.id}
              </dd>
              {e.meetingId ? (
                <>
                  <dt>{t("entryMeeting")}</dt>
                  <dd>{meetingLabel.get(e.meetingId) ?? e.meetingId}</dd>
                </>
              ) : null}
            </dl>
            {e.data !== null ? (
              <details>
                <summary>{t("entryData")}</summary>
                <pre className="mono">{e.data}</pre>
                <p className="hint mono">
                  {t("entryLeaf")}: {e.leafHash}
                </p>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      <nav className="pager" aria-label={t("timelineTitle")}>
        {timeline.page > 1 ? (
          <a className="button secondary" href={pageHref(orgId, filter, timeline.page - 1)}>
            {t("prevPage")}
          </a>
        ) : null}
        {timeline.page < timeline.pages ? (
          <a className="button secondary" href={pageHref(orgId, filter, timeline.page + 1)}>
            {t("nextPage")}
          </a>
        ) : null}
      </nav>
    </section>
  );
}
