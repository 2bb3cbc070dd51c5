import { getTranslations } from "next-intl/server";
import { adminBody } from "@/server/queries/adminBodies";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "../../query";
import { Back, Denied, FormStatus, localeKey } from "../../ui";
import { CharterForm } from "./CharterForm";
import { RosterEditor } from "./RosterEditor";

export const dynamic = "force-dynamic";

/** A body: its roster with composition warnings, officers, charter settings, and the login-code sheet. */
export default async function BodyPage({ params, searchParams }: { params: Promise<{ bodyId: string }>; searchParams: Promise<Query> }) {
  const { bodyId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminBody(viewer, bodyId));
  if (!result.ok) return <Denied code={result.code} />;
  const body = result.data;
  const t = await getTranslations("adminBodies");
  const locale = await localeKey();
  const back = `/admin/bodies/${body.id}`;
  return (
    <div>
      <p>
        <a href={`/admin/orgs/${body.orgId}/bodies`}>{t("backToList")}</a>
      </p>
      <h1>{body.name}</h1>
      <p className="muted">
        {body.rules.name[locale]} · {t("rosterSize", { count: body.roster.length })}
      </p>
      <FormStatus query={query} />
      <section className="card" aria-labelledby="rules">
        <h2 id="rules">{t("rules")}</h2>
        <p>{body.rules.quorum.text[locale]}</p>
        {body.rules.householdQuorum ? <p>{body.rules.householdQuorum.text[locale]}</p> : null}
        <p>{body.rules.pass.text[locale]}</p>
        <p className="hint">{body.rules.pass.legalBasis.join("；")}</p>
        <p>
          <a href={`/orgs/${body.orgId}/rules`}>{t("allRules")}</a>
        </p>
      </section>
      <section className="card" aria-labelledby="roster">
        <h2 id="roster">{t("roster")}</h2>
        {body.candidates.length === 0 ? (
          <p>{t("noPeople")}</p>
        ) : (
          <RosterEditor bodyId={body.id} kind={body.kind} locale={locale} households={body.households} candidates={body.candidates} roster={body.roster} />
        )}
      </section>
      <section className="card" aria-labelledby="officers">
        <h2 id="officers">{t("officers")}</h2>
        <form method="post" action={`/api/admin/bodies/${body.id}/officers`}>
          <Back to={back} />
          {(["chairId", "recorderId"] as const).map((field) => (
            <div key={field}>
              <label htmlFor={`officer-${field}`}>{t(field)}</label>
              <select id={`officer-${field}`} name={field} defaultValue={body[field] ?? ""}>
                <option value="">{t("nobody")}</option>
                {body.candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                    {c.household ? `（${c.household}）` : ""}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <p>
            <button type="submit">{t("saveOfficers")}</button>
          </p>
        </form>
      </section>
      <CharterForm body={body} locale={locale} back={back} />
      <section className="card" aria-labelledby="codes">
        <h2 id="codes">{t("codesTitle")}</h2>
        <p>{t("codesExplain")}</p>
        <form method="post" action={`/api/admin/bodies/${body.id}/login-codes`}>
          <p>
            <button type="submit">{t("codesSubmit")}</button>
          </p>
        </form>
      </section>
    </div>
  );
}
