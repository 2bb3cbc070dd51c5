import { getTranslations } from "next-intl/server";
import { formatYuan } from "@/server/domain/implementation/progress";
import { paymentImports } from "@/server/queries/implementation";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { Status } from "../../../../matters/[matterId]/implementation/Status";
import type { Query } from "../../../query";
import { Denied } from "../../../ui";

export const dynamic = "force-dynamic";

/**
 * Payments checked against decisions (issue #23): the clerk imports a 三资 platform's export; every doubtful payment
 * is listed with its reasons. Supervisors read it.
 */
export default async function PaymentsPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => paymentImports(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const view = result.data;
  const t = await getTranslations("payments");
  const ti = await getTranslations("implementation");
  return (
    <div>
      <p>
        <a href={`/admin/orgs/${orgId}`}>{view.orgName}</a>
      </p>
      <h1>{t("title", { org: view.orgName })}</h1>
      <Status query={query} />
      <p>{t("explain")}</p>
      {view.canImport ? (
        <section className="card" aria-labelledby="import">
          <h2 id="import">{t("submit")}</h2>
          <form method="post" action={`/api/implementation/orgs/${orgId}/payments`} encType="multipart/form-data">
            <input type="hidden" name="back" value={`/admin/orgs/${orgId}/payments`} />
            <label htmlFor="pay-file">{t("fileLabel")}</label>
            <p id="pay-file-h" className="hint">
              {t("columns")}
            </p>
            <input id="pay-file" name="file" type="file" required accept=".csv,.txt,.xlsx,text/csv" aria-describedby="pay-file-h" />
            <p>
              <button type="submit">{t("submit")}</button>
            </p>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="imports">
        <h2 id="imports">{t("imports")}</h2>
        {view.imports.length === 0 ? <p>{t("noImports")}</p> : null}
        {view.imports.map((imp) => (
          <article key={imp.id} className="card" aria-labelledby={`imp-${imp.id}`}>
            <h3 id={`imp-${imp.id}`}>{t("importLine", { name: imp.filename, encoding: imp.encoding, rows: imp.rows, flagged: imp.flagged })}</h3>
            {imp.payments.length === 0 ? (
              <p>{t("allClear")}</p>
            ) : (
              <div className="table-wrap">
                <table className="labelled">
                  <thead>
                    <tr>
                      <th scope="col">{t("line")}</th>
                      <th scope="col">{ti("paidOn")}</th>
                      <th scope="col">{ti("payee")}</th>
                      <th scope="col">{ti("amount")}</th>
                      <th scope="col">{ti("purpose")}</th>
                      <th scope="col">{t("decisionCode")}</th>
                      <th scope="col">{ti("flagsHead")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {imp.payments.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">
                          <span className="line-label">{t("line")} </span>
                          {p.line}
                        </th>
                        <td data-label={ti("paidOn")}>{p.paidOn}</td>
                        <td data-label={ti("payee")}>{p.payee}</td>
                        <td data-label={ti("amount")}>{formatYuan(p.amountFen)}</td>
                        <td data-label={ti("purpose")}>{p.purpose}</td>
                        <td data-label={t("decisionCode")}>{p.decisionCode ?? t("none")}</td>
                        <td data-label={ti("flagsHead")}>
                          <strong>{p.flags.map((f) => t(`flags.${f}`)).join("；")}</strong>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}
