import { getTranslations } from "next-intl/server";
import { adminOrgSummary } from "@/server/queries/adminOrgs";
import { conveningDuties } from "@/server/queries/proposals";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "../../query";
import { Back, Denied, FormStatus, OrgNav } from "../../ui";

export const dynamic = "force-dynamic";

export default async function OrgOverview({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminOrgSummary(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const org = result.data;
  const t = await getTranslations("admin");
  const tp = await getTranslations("proposals");
  const tpay = await getTranslations("payments");
  const ta = await getTranslations("alerts");
  // Petitions that reached the law's threshold: the convener must call the meeting (issue #22).
  const duties = await conveningDuties(viewer, org.id);
  const counts = [
    ["households", org.counts.households, `/admin/orgs/${org.id}/people`],
    ["people", org.counts.people, `/admin/orgs/${org.id}/people`],
    ["bodies", org.counts.bodies, `/admin/orgs/${org.id}/bodies`],
    ["meetings", org.counts.meetings, `/admin/orgs/${org.id}/meetings`],
    ["matters", org.counts.matters, `/admin/orgs/${org.id}/matters`],
  ] as const;
  return (
    <div>
      <p>
        <a href="/admin">{t("backHome")}</a>
      </p>
      <h1>{org.name}</h1>
      <p className="muted">
        {t(`level.${org.level}`)}
        {org.parent ? <> · {org.parent.isAdmin ? <a href={`/admin/orgs/${org.parent.id}`}>{org.parent.name}</a> : org.parent.name}</> : null}
      </p>
      <OrgNav orgId={org.id} current="overview" />
      <FormStatus query={query} />
      <p>
        <a className="button" href={`/orgs/${org.id}/compliance`}>
          {ta("link")}
        </a>
      </p>
      {duties.length > 0 ? (
        <div className="warn-list" role="note">
          <h2>{tp("dutiesTitle")}</h2>
          <ul>
            {duties.map((d) => (
              <li key={`${d.proposal}-${d.body}`}>
                {tp("dutyLine", { title: d.proposal, signed: d.signed, needed: d.needed, body: tp(`bodies.${d.body}` as "bodies.villagers-assembly") })}（
                {d.basis}）
              </li>
            ))}
          </ul>
          <p>
            <a href={`/proposals/${org.id}`}>{tp("title")}</a>
          </p>
        </div>
      ) : null}
      <dl className="facts">
        {counts.map(([key, count, href]) => (
          <div key={key} style={{ display: "contents" }}>
            <dt>{t(`count.${key}`)}</dt>
            <dd>
              <a href={href}>{count}</a>
            </dd>
          </div>
        ))}
        <dt>{t("count.audit")}</dt>
        <dd>{org.auditSize}</dd>
        <dt>{t("noticeDays")}</dt>
        <dd>{t("days", { count: org.noticeDays })}</dd>
      </dl>
      <p>
        <a href={`/orgs/${org.id}/rules`}>{t("rulesPage")}</a>
      </p>
      <p>
        <a href={`/admin/orgs/${org.id}/payments`}>{tpay("linkFromOrg")}</a>
      </p>
      <section className="card" aria-labelledby="org-settings">
        <h2 id="org-settings">{t("settings")}</h2>
        <form method="post" action={`/api/admin/orgs/${org.id}`}>
          <Back to={`/admin/orgs/${org.id}`} />
          <label htmlFor="org-name">{t("orgName")}</label>
          <input id="org-name" name="name" type="text" required maxLength={100} defaultValue={org.name} />
          <label htmlFor="org-notice-days">{t("noticeDaysLabel")}</label>
          <input
            id="org-notice-days"
            name="noticeDays"
            type="number"
            min={1}
            max={60}
            required
            className="short"
            defaultValue={org.noticeDays}
            aria-describedby="org-notice-hint"
          />
          <div id="org-notice-hint" className="hint">
            {t("noticeDaysHint")}
          </div>
          <p>
            <button type="submit">{t("saveSettings")}</button>
          </p>
        </form>
      </section>
    </div>
  );
}
