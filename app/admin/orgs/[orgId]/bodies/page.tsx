import { getTranslations } from "next-intl/server";
import { BODY_KINDS, describeBodyRules } from "@/server/domain/rules";
import { adminBodies } from "@/server/queries/adminBodies";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "../../../query";
import { Back, Denied, FormStatus, localeKey, OrgNav } from "../../../ui";

export const dynamic = "force-dynamic";

/** 议事机构: the bodies of an organization, and a new one of a kind from RULES.md §1. */
export default async function BodiesPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminBodies(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const t = await getTranslations("adminBodies");
  const locale = await localeKey();
  return (
    <div>
      <h1>{t("title")}</h1>
      <OrgNav orgId={orgId} current="bodies" />
      <FormStatus query={query} />
      {result.data.length === 0 ? <p>{t("none")}</p> : null}
      <ul className="list-plain">
        {result.data.map((body) => (
          <li key={body.id} className="card">
            <h2>
              <a href={`/admin/bodies/${body.id}`}>{body.name}</a>
            </h2>
            <p className="muted">
              {describeBodyRules(body.kind).name[locale]} · {t("rosterSize", { count: body.rosterSize })} · {t("meetingCount", { count: body.meetings })}
            </p>
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="new-body">
        <h2 id="new-body">{t("create")}</h2>
        <form method="post" action={`/api/admin/orgs/${orgId}/bodies`}>
          <Back to={`/admin/orgs/${orgId}/bodies`} />
          <label htmlFor="body-kind">{t("kind")}</label>
          <select id="body-kind" name="kind" required defaultValue="">
            <option value="" disabled>
              {t("chooseKind")}
            </option>
            {BODY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {describeBodyRules(kind).name[locale]}
              </option>
            ))}
          </select>
          <label htmlFor="body-name">{t("name")}</label>
          <input id="body-name" name="name" type="text" required maxLength={60} aria-describedby="body-name-hint" />
          <div id="body-name-hint" className="hint">
            {t("nameHint")}
          </div>
          <p>
            <button type="submit">{t("createSubmit")}</button>
          </p>
        </form>
      </section>
    </div>
  );
}
