import { getFormatter, getTranslations } from "next-intl/server";
import { STAGE_INFO, stageLabel } from "@/server/domain/matter";
import { canDownloadArchive } from "@/server/queries/archivePackage";
import { matterDetail } from "@/server/queries/matters";
import { matterTownshipStatus } from "@/server/queries/township";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "../../admin/query";
import { Denied, FormStatus, localeKey } from "../../admin/ui";
import { ArchiveSection } from "../../components/archive/ArchiveSection";
import { MoveForm } from "./MoveForm";
import { Opinions } from "./Opinions";
import { TownshipStatus } from "./TownshipStatus";
import "../../admin/admin.css";

export const dynamic = "force-dynamic";

/** From the disclosed decision on, a matter has an implementation record (issue #23). */
const IMPLEMENTATION_STAGES: readonly string[] = ["decision_disclosure", "implementation", "result_disclosure", "closed"];

/**
 * A matter: where it stands in 四议两公开, its whole history (each move with the meeting and motion, or the reason of
 * a manual move), and which bodies decide each stage by what rule. For its organization's people, admins and
 * supervisors.
 */
export default async function MatterPage({ params, searchParams }: { params: Promise<{ matterId: string }>; searchParams: Promise<Query> }) {
  const { matterId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => matterDetail(viewer, matterId));
  if (!result.ok) return <Denied code={result.code} />;
  const matter = result.data;
  const t = await getTranslations("matterPage");
  const ti = await getTranslations("implementation");
  const format = await getFormatter();
  const locale = await localeKey();
  const stage = STAGE_INFO[matter.stage];
  const when = (date: Date) => format.dateTime(date, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const meetings = [...new Map(matter.meetings.map((m) => [m.id, m])).values()];
  const township = await matterTownshipStatus(matter.id);
  const archive = await canDownloadArchive(viewer, matter.orgId);
  return (
    <div>
      {matter.isAdmin ? (
        <p>
          <a href={`/admin/orgs/${matter.orgId}/matters`}>{t("backToList")}</a>
        </p>
      ) : null}
      <h1>{matter.title}</h1>
      <p>
        <span className="stage">{stageLabel(matter.stage, locale)}</span>
      </p>
      <FormStatus query={query} />
      <dl className="facts">
        <dt>{t("org")}</dt>
        <dd>{matter.orgName}</dd>
        <dt>{t("kind")}</dt>
        <dd>{matter.kindName[locale]}</dd>
        <dt>{t("source")}</dt>
        <dd>{t(`sources.${matter.source}` as "sources.party")}</dd>
        <dt>{t("raisedAt")}</dt>
        <dd>{when(matter.createdAt)}</dd>
      </dl>
      {matter.description ? <p style={{ whiteSpace: "pre-wrap" }}>{matter.description}</p> : null}
      {IMPLEMENTATION_STAGES.includes(matter.stage) ? (
        <p>
          <a href={`/matters/${matter.id}/implementation`}>{ti("linkFromMatter")}</a>
        </p>
      ) : null}
      {township?.hasTownship ? (
        <TownshipStatus matterId={matter.id} orgId={matter.orgId} status={township} isAdmin={matter.isAdmin} when={(iso) => when(new Date(iso))} />
      ) : null}
      <Opinions
        target={{ matterId: matter.id }}
        orgId={matter.orgId}
        opinions={matter.opinions}
        canWrite={matter.canWriteTownshipOpinion}
        saved={query.saved === "1"}
        when={when}
      />
      <section aria-labelledby="deciders">
        <h2 id="deciders">{t("deciders")}</h2>
        <div className="table-wrap">
          <table className="labelled">
            <thead>
              <tr>
                <th scope="col">{t("stage")}</th>
                <th scope="col">{t("bodyKind")}</th>
                <th scope="col">{t("rule")}</th>
                <th scope="col">{t("bodies")}</th>
              </tr>
            </thead>
            <tbody>
              {matter.deciders.map((d) => (
                <tr key={`${d.stage}-${d.bodyKind}`} aria-current={d.stage === matter.stage ? "step" : undefined}>
                  <th scope="row">{stageLabel(d.stage, locale)}</th>
                  <td data-label={t("bodyKind")}>{d.kindName[locale]}</td>
                  <td data-label={t("rule")}>
                    {d.pass?.[locale] ?? "—"}
                    <br />
                    <span className="hint">{d.legalBasis.join("；")}</span>
                  </td>
                  <td data-label={t("bodies")}>{d.bodies.length > 0 ? d.bodies.map((b) => `${b.name}（${b.orgName}）`).join("、") : t("noBody")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {matter.incompetent.length > 0 ? <p className="hint">{t("incompetent", { bodies: matter.incompetent.map((n) => n[locale]).join("、") })}</p> : null}
      </section>
      <section aria-labelledby="history">
        <h2 id="history">{t("history")}</h2>
        <ol className="history">
          <li>
            <strong>
              {STAGE_INFO.raised.code} {STAGE_INFO.raised.name[locale]}
            </strong>{" "}
            · {when(matter.createdAt)}
          </li>
          {matter.events.map((e) => (
            <li key={e.id}>
              <strong>
                {t("moved", {
                  from: STAGE_INFO[e.fromStage as keyof typeof STAGE_INFO]?.name[locale] ?? e.fromStage,
                  to: STAGE_INFO[e.toStage as keyof typeof STAGE_INFO]?.name[locale] ?? e.toStage,
                })}
              </strong>
              {" · "}
              {when(e.at)}
              {e.meeting ? (
                <div>
                  {t("byMeeting")}：
                  <a href={`/meetings/${e.meeting.id}`}>
                    {e.meeting.body.name} · {e.meeting.number}
                  </a>
                  {e.motion ? ` · ${t("motion")}：${e.motion.text}` : ""}
                </div>
              ) : null}
              {e.reason ? (
                <div>
                  {t("reason")}：{e.reason}
                </div>
              ) : null}
              {e.actorName ? <div className="muted">{t("by", { name: e.actorName })}</div> : null}
            </li>
          ))}
        </ol>
      </section>
      {meetings.length > 0 ? (
        <section aria-labelledby="meetings">
          <h2 id="meetings">{t("meetings")}</h2>
          <ul>
            {meetings.map((m) => (
              <li key={m.id}>
                <a href={`/meetings/${m.id}`}>
                  {m.body.name} · {m.number}
                </a>{" "}
                · {when(m.startsAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {matter.isAdmin && !stage.isTerminal ? <MoveForm matterId={matter.id} stage={matter.stage} locale={locale} /> : null}
      {archive ? <ArchiveSection kind="matter" id={matter.id} /> : null}
    </div>
  );
}
