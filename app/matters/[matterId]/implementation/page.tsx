import { getTranslations } from "next-intl/server";
import { formatYuan } from "@/server/domain/implementation/progress";
import { type EvidenceView, implementationView } from "@/server/queries/implementation";
import { chinaDateInput, chinaDateTimeInput } from "@/server/time";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "../../../admin/query";
import { Denied } from "../../../admin/ui";
import { PlanForm, ReportForm } from "./Forms";
import { Status } from "./Status";
import "../../../admin/admin.css";
import "./implementation.css";

export const dynamic = "force-dynamic";

async function Evidence({ file, matterTitle, seesTownshipPhotos }: { file: EvidenceView; matterTitle: string; seesTownshipPhotos: boolean }) {
  const t = await getTranslations("implementation");
  const isFlagged = file.findings.length > 0 || file.duplicates.length > 0;
  const href = `/api/implementation/evidence/${file.id}`;
  return (
    <li className={isFlagged ? "evidence flagged" : "evidence"}>
      {file.kind === "photo" ? (
        <a href={href} aria-label={t("open", { name: file.filename })}>
          <img src={href} alt={`${t("photo")}：${file.filename}`} loading="lazy" />
        </a>
      ) : (
        <a href={href}>
          {t("document")}：{file.filename}
        </a>
      )}
      {file.kind === "photo" ? (
        <div className="evidence-facts">
          <div>
            {file.filename}
            {file.takenAt ? ` · ${t("takenAt", { at: chinaDateTimeInput(file.takenAt).replace("T", " ") })}` : ""}
          </div>
          {isFlagged ? (
            <ul className="findings">
              {file.findings.map((f) => (
                <li key={f}>{t(`findings.${f}`)}</li>
              ))}
              {file.duplicates.map((d) => {
                // Another village's or cooperative's use (the township's photo index): which organization, which
                // project, when — its photo only for the township's staff.
                const other = d.other;
                const showsOther = !other || seesTownshipPhotos;
                const otherName = other ? `${other.orgName}「${d.matterTitle}」` : `${d.matterTitle} · ${d.filename}`;
                return (
                  <li key={d.fileId} data-duplicate={other ? "township" : "organization"} data-other-file={d.fileId}>
                    <strong>{t("duplicate")}</strong> ·{" "}
                    {other
                      ? t("duplicateTownship", { org: other.orgName, matter: d.matterTitle, date: chinaDateInput(new Date(other.uploadedAt)) })
                      : t("duplicateOther", { matter: d.matterTitle, name: d.filename })}
                    <div className="side-by-side" role="group" aria-label={t("sideBySide")}>
                      <figure>
                        <img src={href} alt={`${t("thisUse")}：${matterTitle} · ${file.filename}`} loading="lazy" />
                        <figcaption>
                          {t("thisUse")}：{matterTitle}
                        </figcaption>
                      </figure>
                      <figure>
                        {showsOther ? (
                          <img src={`/api/implementation/evidence/${d.fileId}`} alt={`${t("otherUse")}：${otherName}`} loading="lazy" />
                        ) : (
                          <p className="hidden-photo">{t("otherPhotoHidden", { org: other.orgName })}</p>
                        )}
                        <figcaption>
                          {t("otherUse")}：{showsOther ? <a href={`/matters/${d.matterId}/implementation`}>{other ? otherName : d.matterTitle}</a> : otherName}
                        </figcaption>
                      </figure>
                    </div>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="ok-line">{t("noFindings")}</p>
          )}
        </div>
      ) : null}
    </li>
  );
}

/**
 * S6 组织实施 of a matter (issue #23): the plan, milestones (overdue ones flagged), spending against the decided amount,
 * progress with photos and documents and what their checks found (a reused photo beside its other use), and the
 * payments imported under the decision. The clerk or the deciding body's chair adds to it; the organization reads it.
 */
export default async function ImplementationPage({ params, searchParams }: { params: Promise<{ matterId: string }>; searchParams: Promise<Query> }) {
  const { matterId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => implementationView(viewer, matterId));
  if (!result.ok) return <Denied code={result.code} />;
  const view = result.data;
  const t = await getTranslations("implementation");
  const tp = await getTranslations("payments");
  const back = `/matters/${matterId}/implementation`;
  const plan = view.plan;
  return (
    <div className="implementation">
      <p>
        <a href={`/matters/${matterId}`}>{t("backToMatter")}</a>
      </p>
      <h1>{t("title", { title: view.matter.title })}</h1>
      <Status query={query} />
      {!plan ? (
        <>
          <p>{t("noPlan")}</p>
          {view.canPlan ? <PlanForm view={view} back={back} /> : view.canEdit ? <p className="hint">{t("notPlannable")}</p> : null}
        </>
      ) : (
        <>
          <dl className="facts">
            {plan.decision ? (
              <>
                <dt>{t("decision")}</dt>
                <dd>{t("decisionLine", { body: plan.decision.bodyName, number: plan.decision.meetingNumber, text: plan.decision.text })}</dd>
              </>
            ) : null}
            <dt>{t("decisionCode")}</dt>
            <dd>
              <code>{plan.decisionCode}</code>
            </dd>
            <dt>{t("responsible")}</dt>
            <dd>{plan.responsibleName}</dd>
            <dt>{t("period")}</dt>
            <dd>{t("periodValue", { from: plan.startsOn, to: plan.endsOn })}</dd>
            {plan.site ? (
              <>
                <dt>{t("site")}</dt>
                <dd>{t("siteValue", { lat: plan.site.lat, lon: plan.site.lon })}</dd>
              </>
            ) : null}
            <dt>{t("money")}</dt>
            <dd>
              {plan.cap.capFen === null
                ? t("noCapLine", { spent: formatYuan(plan.cap.spentFen) })
                : t("capLine", { cap: formatYuan(plan.cap.capFen), spent: formatYuan(plan.cap.spentFen) })}
              {plan.cap.remainingFen !== null ? (
                plan.cap.isOver ? (
                  <div role="alert" className="alert">
                    {t("overCap", { over: formatYuan(-plan.cap.remainingFen) })}
                  </div>
                ) : (
                  <div className="ok-line">{t("withinCap", { left: formatYuan(plan.cap.remainingFen) })}</div>
                )
              ) : null}
            </dd>
          </dl>
          <section aria-labelledby="milestones">
            <h2 id="milestones">{t("milestones")}</h2>
            <div className="table-wrap">
              <table className="labelled">
                <thead>
                  <tr>
                    <th scope="col">{t("milestone")}</th>
                    <th scope="col">{t("dueOn")}</th>
                    <th scope="col">{t("state")}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.milestones.map((m) => (
                    <tr key={m.id} className={m.status === "overdue" || m.status === "done_late" ? "late" : undefined}>
                      <th scope="row">{m.title}</th>
                      <td data-label={t("dueOn")}>{m.dueOn}</td>
                      <td data-label={t("state")}>
                        {m.status === "overdue" ? <strong>{t("status.overdue")}</strong> : t(`status.${m.status}`, { on: m.doneOn ?? "" })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {view.canEdit ? <ReportForm view={view} back={back} /> : null}
          <section aria-labelledby="updates">
            <h2 id="updates">{t("updates")}</h2>
            {plan.updates.length === 0 ? <p>{t("noUpdates")}</p> : null}
            {plan.updates.map((u) => (
              <article key={u.id} className="card" aria-labelledby={`u-${u.id}`}>
                <h3 id={`u-${u.id}`}>{t("updateHead", { on: u.reportedOn })}</h3>
                <p style={{ whiteSpace: "pre-wrap" }}>{u.text}</p>
                <p className="hint">
                  {t("spentThis", { amount: formatYuan(u.spentFen) })}
                  {u.milestoneTitle ? ` · ${t("reached", { title: u.milestoneTitle })}` : ""}
                </p>
                {u.files.length > 0 ? (
                  <>
                    <h4>{t("evidence")}</h4>
                    <ul className="evidence-list">
                      {u.files.map((f) => (
                        <Evidence key={f.id} file={f} matterTitle={view.matter.title} seesTownshipPhotos={view.seesTownshipPhotos} />
                      ))}
                    </ul>
                  </>
                ) : null}
              </article>
            ))}
          </section>
          <section aria-labelledby="payments">
            <h2 id="payments">{t("payments")}</h2>
            {plan.payments.length === 0 ? (
              <p>{t("noPayments")}</p>
            ) : (
              <div className="table-wrap">
                <table className="labelled">
                  <thead>
                    <tr>
                      <th scope="col">{t("paidOn")}</th>
                      <th scope="col">{t("payee")}</th>
                      <th scope="col">{t("amount")}</th>
                      <th scope="col">{t("purpose")}</th>
                      <th scope="col">{t("flagsHead")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.payments.map((p) => (
                      <tr key={p.id} className={p.flags.length > 0 ? "late" : undefined}>
                        <th scope="row">{p.paidOn}</th>
                        <td data-label={t("payee")}>{p.payee}</td>
                        <td data-label={t("amount")}>{formatYuan(p.amountFen)}</td>
                        <td data-label={t("purpose")}>{p.purpose}</td>
                        <td data-label={t("flagsHead")}>
                          {p.flags.length > 0 ? <strong>{p.flags.map((f) => tp(`flags.${f}`)).join("；")}</strong> : t("flagOk")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
