import { getFormatter, getTranslations } from "next-intl/server";
import { MATTER_SOURCES } from "@/server/commands/matter/raiseMatter";
import { type MatterStage, STAGE_INFO, stageLabel } from "@/server/domain/matter";
import { MATTER_KINDS, MATTER_RULES } from "@/server/domain/rules";
import { adminMatters, matterKindOf } from "@/server/queries/matters";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "../../../query";
import { Back, Denied, FormStatus, localeKey, OrgNav } from "../../../ui";

export const dynamic = "force-dynamic";

/** 事项: major decisions carried through 四议两公开, and a form to raise one (S0). */
export default async function MattersPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminMatters(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const t = await getTranslations("adminMatters");
  const format = await getFormatter();
  const locale = await localeKey();
  return (
    <div>
      <h1>{t("title")}</h1>
      <OrgNav orgId={orgId} current="matters" />
      <FormStatus query={query} />
      <p className="muted">{t("intro")}</p>
      {result.data.length === 0 ? <p>{t("none")}</p> : null}
      <ul className="list-plain">
        {result.data.map((m) => {
          const stage = STAGE_INFO[m.stage as MatterStage];
          return (
            <li key={m.id} className="card">
              <h2>
                <a href={`/matters/${m.id}`}>{m.title}</a>
              </h2>
              <p>
                <span className="stage">{stage ? stageLabel(m.stage as MatterStage, locale) : m.stage}</span>{" "}
                <span className="muted">
                  {MATTER_RULES[matterKindOf(m.kind)].name[locale]} · {t(`source.${m.source}` as "source.party")} ·{" "}
                  {format.dateTime(m.createdAt, { year: "numeric", month: "long", day: "numeric" })}
                </span>
              </p>
            </li>
          );
        })}
      </ul>
      <section className="card" aria-labelledby="raise">
        <h2 id="raise">{t("raise")}</h2>
        <form method="post" action="/api/admin/matters">
          <Back to={`/admin/orgs/${orgId}/matters`} />
          <input type="hidden" name="orgId" value={orgId} />
          <label htmlFor="matter-title">{t("matterTitle")}</label>
          <input id="matter-title" name="title" type="text" required maxLength={200} />
          <label htmlFor="matter-description">{t("description")}</label>
          <textarea id="matter-description" name="description" rows={4} maxLength={5000} />
          <label htmlFor="matter-kind">{t("kind")}</label>
          <select id="matter-kind" name="kind" defaultValue="general" aria-describedby="matter-kind-hint">
            {MATTER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {MATTER_RULES[kind].name[locale]}
              </option>
            ))}
          </select>
          <div id="matter-kind-hint" className="hint">
            {t("kindHint")}
          </div>
          <label htmlFor="matter-source">{t("sourceLabel")}</label>
          <select id="matter-source" name="source" required defaultValue="">
            <option value="" disabled>
              {t("chooseSource")}
            </option>
            {MATTER_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`source.${s}`)}
              </option>
            ))}
          </select>
          <p>
            <button type="submit">{t("raiseSubmit")}</button>
          </p>
        </form>
      </section>
    </div>
  );
}
