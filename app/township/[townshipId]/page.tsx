import { getTranslations } from "next-intl/server";
import { ALERT_CODES, type AlertLevel } from "@/server/domain/alerts";
import { MATTER_STAGES, stageLabel } from "@/server/domain/matter";
import { MATTER_KINDS, MATTER_RULES } from "@/server/domain/rules";
import { pageOf, townshipFilters, townshipOverview } from "@/server/queries/township";
import { filterQuery } from "@/server/queries/townshipAlerts";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "../../admin/query";
import { Denied, FormStatus, localeKey } from "../../admin/ui";
import "../../admin/admin.css";
import "../../orgs/[orgId]/compliance/compliance.css";
import "./township.css";
import { TownshipWitnessKey } from "./TownshipWitnessKey";

export const dynamic = "force-dynamic";

const LEVELS: readonly AlertLevel[] = ["red", "yellow", "green"];

/**
 * 镇街工作台 (issue #20): every village of the township with its alerts by colour, the alerts with filters, each
 * linking to its evidence, the filings waiting for a receipt and the pre-reviews waiting for a decision.
 */
export default async function TownshipPage({ params, searchParams }: { params: Promise<{ townshipId: string }>; searchParams: Promise<Query> }) {
  const { townshipId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => townshipOverview(viewer, townshipId, townshipFilters(query), { page: pageOf(query.page) }));
  if (!result.ok) return <Denied code={result.code} />;
  const page = result.data;
  const t = await getTranslations("township");
  const ta = await getTranslations("alerts");
  const td = await getTranslations("townshipDash");
  const locale = await localeKey();
  const here = `/township/${townshipId}`;
  const isReviewer = page.roles.includes("reviewer");
  const apiQuery = filterQuery(page.filters);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const pageHref = (n: number) => `${here}?${filterQuery(page.filters, { page: String(n) })}`;
  const { stage: _stage, kind: _kind, ...withoutStageKind } = page.filters;
  const withoutMatterHref = `${here}?${filterQuery({ ...withoutStageKind, matter: "none" })}`;
  return (
    <div className="compliance township">
      <h1>{t("title", { township: page.township.name })}</h1>
      <p className="hint">{t("intro")}</p>
      <FormStatus query={query} />
      <nav aria-label={td("exportsTitle")} className="township-links">
        <a href={`${here}/weekly${apiQuery ? `?${apiQuery}` : ""}`}>{td("weekly")}</a>
        <a href={`${here}/settings`}>{td("settings")}</a>
      </nav>
      <section aria-labelledby="villages-title">
        <h2 id="villages-title">{t("villagesTitle")}</h2>
        {page.filtered ? <p className="hint">{td("filteredNote")}</p> : null}
        <div className="table-wrap">
          <table className="table labelled">
            <thead>
              <tr>
                <th scope="col">{t("village")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("red")}</th>
                <th scope="col">{t("yellow")}</th>
                <th scope="col">{t("green")}</th>
                <th scope="col">{t("matters")}</th>
                <th scope="col">{t("filed")}</th>
              </tr>
            </thead>
            <tbody>
              {page.villages.map((v) => (
                <tr key={v.id} data-village={v.name} data-level={v.level}>
                  <th scope="row">
                    <a href={`/orgs/${v.id}/compliance`}>{v.name}</a>
                    {v.cooperatives.length > 0 ? <span className="hint">（{t("cooperatives", { count: v.cooperatives.length })}）</span> : null}
                  </th>
                  <td data-label={t("status")}>
                    <span className={`dot dot-${v.level}`} aria-hidden="true" />
                    {ta(`overall.${v.level}`)}
                  </td>
                  <td data-label={t("red")}>{v.red}</td>
                  <td data-label={t("yellow")}>{v.yellow}</td>
                  <td data-label={t("green")}>{v.green}</td>
                  <td data-label={t("matters")}>{v.matters}</td>
                  <td data-label={t("filed")}>{t("filedOf", { filed: v.filed, receipted: v.receipted })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="alerts-title">
        <h2 id="alerts-title">{t("alertsTitle")}</h2>
        <form method="get" action={here} className="filters">
          <label>
            {t("village")}
            <select name="village" defaultValue={page.filters.village ?? ""}>
              <option value="">{t("all")}</option>
              {page.villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {td("stage")}
            <select name="stage" defaultValue={page.filters.stage ?? ""}>
              <option value="">{t("all")}</option>
              {MATTER_STAGES.map((stage) => (
                <option key={stage} value={stage}>
                  {stageLabel(stage, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {td("kind")}
            <select name="kind" defaultValue={page.filters.kind ?? ""}>
              <option value="">{t("all")}</option>
              {MATTER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {MATTER_RULES[kind].name[locale]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {td("rule")}
            <select name="code" defaultValue={page.filters.code ?? ""}>
              <option value="">{t("all")}</option>
              {ALERT_CODES.map((code) => (
                <option key={code} value={code}>
                  {td(`codes.${code}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("colour")}
            <select name="level" defaultValue={page.filters.level ?? ""}>
              <option value="">{t("all")}</option>
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(level)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("from")}
            <input type="date" name="from" defaultValue={page.filters.from ?? ""} />
          </label>
          <label>
            {t("to")}
            <input type="date" name="to" defaultValue={page.filters.to ?? ""} />
          </label>
          <button type="submit" className="button secondary">
            {t("filter")}
          </button>
          {page.filtered ? (
            <a href={here} className="button secondary">
              {td("clear")}
            </a>
          ) : null}
        </form>
        <p>
          <a href={`/api/township/${townshipId}/overview${apiQuery ? `?${apiQuery}` : ""}`}>{t("json")}</a>
        </p>
        {page.filters.matter === "none" ? <p className="hint">{td("onlyWithoutMatter")}</p> : null}
        {page.withoutMatter > 0 ? (
          <p className="hint" data-testid="without-matter">
            {td("withoutMatter", { count: page.withoutMatter })} <a href={withoutMatterHref}>{td("withoutMatterLink", { count: page.withoutMatter })}</a>
          </p>
        ) : null}
        {page.alerts.length === 0 ? <p>{t("noAlerts")}</p> : <p data-testid="alert-total">{td("pageOf", { total: page.total, page: page.page, pages })}</p>}
        <ul className="list-plain alerts">
          {page.alerts.map((alert) => (
            <li key={`${alert.orgId}-${alert.id}`} className={`card alert-card alert-${alert.level}`} data-code={alert.code} data-village={alert.villageName}>
              <p className="alert-message">
                <span className="scope">{alert.orgName}</span>
                {alert.message[locale]}
              </p>
              {alert.matter ? (
                <p className="hint" data-matter-stage={alert.matter.stage} data-matter-kind={alert.matter.kind}>
                  {td("matterLine", {
                    title: alert.matter.title,
                    stage: stageLabel(alert.matter.stage, locale),
                    kind: MATTER_RULES[alert.matter.kind]?.name[locale] ?? alert.matter.kind,
                  })}
                </p>
              ) : null}
              <dl className="facts">
                <dt>{ta("rule")}</dt>
                <dd>{alert.rule[locale]}</dd>
                <dt>{ta("basis")}</dt>
                <dd>{alert.legalBasis}</dd>
                <dt>{ta("occurred")}</dt>
                <dd>{alert.occurredOn}</dd>
              </dl>
              <p>
                <a href={alert.evidence.href}>{ta("evidence", { what: alert.evidence.label[locale] })}</a>
              </p>
            </li>
          ))}
        </ul>
        {pages > 1 ? (
          <nav aria-label={td("pagesNav")} className="township-links">
            {page.page > 1 ? <a href={pageHref(page.page - 1)}>{td("previousPage")}</a> : null}
            {page.page < pages ? <a href={pageHref(page.page + 1)}>{td("nextPage")}</a> : null}
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="prereview-title">
        <h2 id="prereview-title">{t("preReviewTitle")}</h2>
        {page.pendingPreReviews.length === 0 ? <p>{t("nothingWaiting")}</p> : null}
        <ul className="list-plain">
          {page.pendingPreReviews.map((r) => (
            <li key={r.id} className="card" data-prereview={r.title}>
              <p>
                <strong>{r.orgName}</strong> · {r.title}
                {r.amountYuan !== null ? <span className="hint">（{t("amount", { amount: r.amountYuan })}）</span> : null}
              </p>
              {isReviewer ? (
                <form method="post" action={`/api/township/prereviews/${r.id}`}>
                  <input type="hidden" name="back" value={here} />
                  <label>
                    {t("reviewerTitle")}
                    <input name="title" defaultValue={t("defaultTitle")} maxLength={60} />
                  </label>
                  <label>
                    {t("reasons")}
                    <textarea name="reasons" maxLength={2000} rows={2} />
                  </label>
                  <button type="submit" name="decision" value="approve" className="button">
                    {t("approve")}
                  </button>
                  <button type="submit" name="decision" value="return" className="button secondary">
                    {t("return")}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="filing-title">
        <h2 id="filing-title">{t("filingTitle")}</h2>
        {page.pendingReceipts.length === 0 ? <p>{t("nothingWaiting")}</p> : null}
        <ul className="list-plain">
          {page.pendingReceipts.map((m) => (
            <li key={m.matterId} className="card">
              <p>
                <strong>{m.orgName}</strong> · {m.title} <span className="hint">{t("filedOn", { date: m.filedAt.slice(0, 10) })}</span>
              </p>
              {isReviewer ? (
                <form method="post" action={`/api/township/matters/${m.matterId}/receipt`}>
                  <input type="hidden" name="back" value={here} />
                  <button type="submit" className="button secondary">
                    {t("giveReceipt")}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <TownshipWitnessKey viewer={viewer} townshipId={townshipId} />
    </div>
  );
}
