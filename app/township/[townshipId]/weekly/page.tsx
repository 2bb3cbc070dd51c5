import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { siteOrigin } from "@/server/notice/links";
import { filterQuery, townshipFilters } from "@/server/queries/townshipAlerts";
import { townshipWeekly } from "@/server/queries/townshipWeekly";
import { chinaDateTimeInput } from "@/server/time";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { one, type Query } from "../../../admin/query";
import { Denied, localeKey } from "../../../admin/ui";
import "../../../orgs/[orgId]/compliance/compliance.css";
import "../township.css";

export const dynamic = "force-dynamic";

/**
 * 合规周报 (issue #20 item 5): the alerts of one week (default: the last full week, China time) with the dashboard's
 * filters, as a page that prints on A4, with the same rows as a PDF, a CSV and JSON for the county.
 */
export default async function TownshipWeeklyPage({ params, searchParams }: { params: Promise<{ townshipId: string }>; searchParams: Promise<Query> }) {
  const { townshipId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const locale = await localeKey();
  const origin = siteOrigin(await headers());
  const result = await load(() => townshipWeekly(viewer, townshipId, { week: one(query, "week"), filters: townshipFilters(query), language: locale, origin }));
  if (!result.ok) return <Denied code={result.code} />;
  const page = result.data;
  const t = await getTranslations("townshipWeekly");
  const here = `/township/${townshipId}/weekly`;
  const api = `/api/township/${townshipId}/weekly`;
  const withWeek = (week: string) => filterQuery(page.filters, { week, ...(locale === "en" ? { lang: "en" } : {}) });
  const current = withWeek(page.week.start);
  return (
    <div className="compliance township weekly">
      <h1>{t("title", { township: page.township.name })}</h1>
      <p className="period">
        <strong>{t("period", { start: page.week.start, end: page.week.end })}</strong>
      </p>
      <p className="hint">{t("computed", { at: chinaDateTimeInput(new Date(page.computedAt)).replace("T", " ") })}</p>
      <p className="hint no-print">{t("intro")}</p>

      <form method="get" action={here} className="filters no-print">
        {Object.entries(page.filters).map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        <label>
          {t("week")}
          <input type="date" name="week" defaultValue={page.week.start} />
        </label>
        <button type="submit" className="button secondary">
          {t("show")}
        </button>
      </form>
      <nav className="township-links" aria-label={t("print")}>
        <a href={`${here}?${withWeek(page.week.previous)}`}>{t("previous")}</a>
        {page.week.next ? <a href={`${here}?${withWeek(page.week.next)}`}>{t("next")}</a> : null}
        <a href={`${api}/pdf?${current}`} target="_blank" rel="noopener">
          {t("pdf")}
        </a>
        <a href={`${api}/csv?${current}`}>{t("csv")}</a>
        <a href={`${api}?${current}`}>{t("json")}</a>
        <a href={`/township/${townshipId}`}>{t("back")}</a>
      </nav>

      <section aria-labelledby="weekly-villages">
        <h2 id="weekly-villages">{t("villagesTitle")}</h2>
        <div className="table-wrap">
          <table className="labelled">
            <thead>
              <tr>
                <th scope="col">{t("village")}</th>
                <th scope="col">{t("red")}</th>
                <th scope="col">{t("yellow")}</th>
                <th scope="col">{t("green")}</th>
              </tr>
            </thead>
            <tbody>
              {page.villages.map((v) => (
                <tr key={v.id} data-village={v.name}>
                  <th scope="row">{v.name}</th>
                  <td data-label={t("red")}>{v.red}</td>
                  <td data-label={t("yellow")}>{v.yellow}</td>
                  <td data-label={t("green")}>{v.green}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="weekly-rows">
        <h2 id="weekly-rows">{t("rowsTitle")}</h2>
        {page.rows.length === 0 ? <p>{t("none")}</p> : null}
        <ol className="rows">
          {page.rows.map((row) => (
            <li key={`${row.organization}-${row.alert_id}`} className={`card alert-card alert-${row.level}`} data-code={row.code} data-alert={row.alert_id}>
              <p className="alert-message">
                <span className="scope">{t(row.level)}</span>
                <span className="scope">{row.organization === row.village ? row.village : `${row.village} · ${row.organization}`}</span>
                {row.message}
              </p>
              <dl className="facts">
                <dt>{t("rule")}</dt>
                <dd>{row.rule}</dd>
                <dt>{t("basis")}</dt>
                <dd>{row.legal_basis}</dd>
                <dt>{t("occurred")}</dt>
                <dd>
                  {row.occurred_on}
                  {row.due_on ? `（${t("due")} ${row.due_on}）` : ""}
                </dd>
                {row.matter_title ? (
                  <>
                    <dt>{t("matter")}</dt>
                    <dd>
                      {row.matter_title}（{[row.matter_stage_name, row.matter_kind_name].filter(Boolean).join("，")}）
                    </dd>
                  </>
                ) : null}
                <dt>{t("evidence")}</dt>
                <dd>
                  <a href={row.evidence_url}>{row.evidence_url}</a>
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
