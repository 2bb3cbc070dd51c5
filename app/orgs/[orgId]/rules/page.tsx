import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { orgRules } from "@/server/queries/orgRules";

export const dynamic = "force-dynamic";

/** 议事规则: for each body, who must attend and how many must agree, in plain words with the articles. Public. */
export default async function RulesPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const org = await orgRules(orgId);
  if (!org) notFound();
  const t = await getTranslations("rules");
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  return (
    <div>
      <h1>{t("title", { org: org.name })}</h1>
      <p className="hint">{t("intro")}</p>
      {org.bodies.length === 0 ? <p>{t("noBodies")}</p> : null}
      {org.bodies.map(({ id, name, rosterSize, rules, warnings }) => (
        <section key={id} className="card" aria-labelledby={`body-${id}`}>
          <h2 id={`body-${id}`}>
            {name}（{rules.name[locale]}）
          </h2>
          <p>{t("rosterSize", { count: rosterSize })}</p>
          <h3>{t("quorum")}</h3>
          <p>{rules.quorum.text[locale]}</p>
          {rules.householdQuorum ? <p>{rules.householdQuorum.text[locale]}</p> : null}
          <h3>{t("pass")}</h3>
          <p>{rules.pass.text[locale]}</p>
          <p className="hint">
            {t("basis")}：{rules.legalBasis.join("；")}
          </p>
          <h3>{t("charter")}</h3>
          <ul>
            {rules.charter.quorum ? <li>{rules.charter.quorum.text[locale]}</li> : null}
            {rules.charter.pass ? <li>{rules.charter.pass.text[locale]}</li> : null}
            <li>{rules.charter.recusal[locale]}</li>
          </ul>
          <h3>{t("matters")}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("matter")}</th>
                <th scope="col">{t("matterRule")}</th>
                <th scope="col">{t("basis")}</th>
              </tr>
            </thead>
            <tbody>
              {rules.matters.map((m) => (
                <tr key={m.matter}>
                  <th scope="row">{m.name[locale]}</th>
                  <td>
                    {m.pass[locale]}
                    {m.afterwards ? ` ${m.afterwards[locale]}` : ""}
                  </td>
                  <td>{m.legalBasis.join("；")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {warnings.length > 0 ? (
            <div className="notice" role="note">
              <h3>{t("warnings")}</h3>
              <ul>
                {warnings.map((w) => (
                  <li key={w.code}>
                    {w.message[locale]}（{w.legalBasis}）
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ))}
    </div>
  );
}
