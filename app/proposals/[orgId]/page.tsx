import { cookies } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { proposalBoard } from "@/server/queries/proposals";
import { load } from "@/server/web/loadPage";
import type { Query } from "../../admin/query";
import { Denied, FormStatus, localeKey } from "../../admin/ui";
import "../../admin/admin.css";
import { formatSignCode } from "@/server/commands/proposal/signCodes";
import { readSlip, SIGN_CODE_SLIP_COOKIE } from "./slip";

export const dynamic = "force-dynamic";

/**
 * 议题征集: residents raise topics from their phones and co-sign them (联名); each shows its progress toward the law's
 * thresholds, the convener's duty once one is reached, and the admin's public answer. Counts only, never who signed.
 */
export default async function ProposalsPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const account = await currentAccount();
  const result = await load(() => proposalBoard(account ? { id: account.id, name: account.name } : null, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const { org, proposals, canSign, isAdmin, codeCandidates } = result.data;
  const query = await searchParams;
  const slip = isAdmin ? readSlip((await cookies()).get(SIGN_CODE_SLIP_COOKIE)?.value, typeof query.slip === "string" ? query.slip : undefined) : null;
  const t = await getTranslations("proposals");
  const format = await getFormatter();
  const locale = await localeKey();
  const back = `/proposals/${orgId}`;
  return (
    <div>
      <p className="muted">{org.name}</p>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {query.saved === "code" ? (
        <p role="status" className="saved">
          {t("signedWithCode")}
        </p>
      ) : (
        <FormStatus query={query} />
      )}
      {slip ? (
        <section id="slip" className="card sign-code-slip" aria-labelledby="slip-title">
          <h2 id="slip-title">{t("slip.title")}</h2>
          <p>{t("slip.for", { name: slip.personName, title: slip.proposalTitle })}</p>
          <p className="sign-code" data-testid="sign-code">
            {formatSignCode(slip.code)}
          </p>
          <p>{t("slip.how", { place: org.name })}</p>
          <p className="muted">
            {t("slip.expires", {
              date: format.dateTime(new Date(slip.expiresAt), { year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Shanghai" }),
            })}
          </p>
          <p className="muted">{t("slip.once")}</p>
        </section>
      ) : null}
      {canSign ? (
        <section className="card" aria-labelledby="new-proposal">
          <h2 id="new-proposal">{t("new")}</h2>
          <form method="post" action="/api/proposals" encType="multipart/form-data">
            <input type="hidden" name="back" value={back} />
            <input type="hidden" name="orgId" value={orgId} />
            <label htmlFor="proposal-title">{t("titleLabel")}</label>
            <input id="proposal-title" name="title" type="text" required minLength={2} maxLength={100} />
            <label htmlFor="proposal-description">{t("description")}</label>
            <textarea id="proposal-description" name="description" rows={4} maxLength={2000} />
            <label htmlFor="proposal-attachments">{t("attachments")}</label>
            <input
              id="proposal-attachments"
              name="attachments"
              type="file"
              multiple
              accept="image/png,image/jpeg,image/webp,application/pdf"
              aria-describedby="proposal-attachments-hint"
            />
            <p id="proposal-attachments-hint" className="muted">
              {t("attachmentsHint")}
            </p>
            <p>
              <button type="submit">{t("submit")}</button>
            </p>
          </form>
        </section>
      ) : account ? (
        <p className="muted">{t("notEligible")}</p>
      ) : (
        <p>
          <a href="/login">{t("login")}</a>
        </p>
      )}
      {proposals.length === 0 ? <p>{t("none")}</p> : null}
      <ul className="list-plain">
        {proposals.map((p) => (
          <li key={p.id} className="card" aria-labelledby={`proposal-${p.id}`}>
            <h2 id={`proposal-${p.id}`}>{p.title}</h2>
            <p className="muted">
              {format.dateTime(p.createdAt, { year: "numeric", month: "long", day: "numeric" })} · {t(`states.${p.state}` as "states.open")}
            </p>
            {p.description ? <p>{p.description}</p> : null}
            {p.attachments.length > 0 ? (
              <ul aria-label={t("attachmentsOf", { title: p.title })}>
                {p.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/proposals/${orgId}/attachments/${a.id}`}>{a.filename}</a>（{a.mime === "application/pdf" ? "PDF" : t("photo")}，
                    {Math.max(1, Math.round(a.size / 1024))} KB）
                  </li>
                ))}
              </ul>
            ) : null}
            <p data-testid="signature-count">
              <strong>{t("count", { count: p.count })}</strong>
            </p>
            <ul>
              {p.progress.map((step) => (
                <li key={step.key}>
                  {step.words[locale]}
                  {step.reached ? ` ✓ ${t("reached")}` : ""}（{step.legalBasis}）
                </li>
              ))}
            </ul>
            {p.duties.length > 0 ? (
              <div className="warn-list" role="note">
                {p.duties.map((d) => (
                  <p key={d.body}>
                    {t("duty", {
                      body: t(`bodies.${d.body}` as "bodies.villagers-assembly"),
                      date: format.dateTime(d.reachedAt, { month: "long", day: "numeric" }),
                    })}
                    （{d.basis}）
                  </p>
                ))}
              </div>
            ) : null}
            {p.answer ? (
              <p>
                <strong>{t("answer")}</strong>
                {p.answer}
              </p>
            ) : null}
            {p.matterId ? <p>{t("converted")}</p> : null}
            {p.state === "open" && canSign ? (
              p.hasSigned ? (
                <p role="status">{t("signed")}</p>
              ) : (
                <form method="post" action={`/api/proposals/${p.id}/sign`}>
                  <input type="hidden" name="back" value={back} />
                  <button type="submit" aria-label={t("signLabel", { title: p.title })}>
                    {t("sign")}
                  </button>
                </form>
              )
            ) : null}
            {p.state === "open" && !p.hasSigned ? (
              <details>
                <summary>{t("withCode.summary")}</summary>
                <form method="post" action={`/api/proposals/${p.id}/sign-code`}>
                  <input type="hidden" name="back" value={back} />
                  <p className="muted">{t("withCode.hint")}</p>
                  <label htmlFor={`code-${p.id}`}>{t("withCode.label")}</label>
                  <input id={`code-${p.id}`} name="code" type="text" inputMode="numeric" autoComplete="one-time-code" required minLength={10} maxLength={20} />
                  <p>
                    <button type="submit" aria-label={t("withCode.submitLabel", { title: p.title })}>
                      {t("withCode.submit")}
                    </button>
                  </p>
                </form>
              </details>
            ) : null}
            {p.state === "open" && isAdmin ? (
              <details>
                <summary>{t("issueCode.summary")}</summary>
                <form method="post" action={`/api/proposals/${p.id}/codes`}>
                  <input type="hidden" name="back" value={back} />
                  <p className="muted">{t("issueCode.hint")}</p>
                  <label htmlFor={`code-person-${p.id}`}>{t("issueCode.person")}</label>
                  <select id={`code-person-${p.id}`} name="personId" required defaultValue="">
                    <option value="" disabled>
                      {t("issueCode.choose")}
                    </option>
                    {codeCandidates
                      .filter((c) => !c.signed.includes(p.id))
                      .map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.household ? t("issueCode.option", { name: c.name, household: c.household }) : c.name}
                        </option>
                      ))}
                  </select>
                  <p>
                    <button type="submit" className="secondary">
                      {t("issueCode.submit")}
                    </button>
                  </p>
                </form>
              </details>
            ) : null}
            {p.state === "open" && isAdmin ? (
              <details>
                <summary>{t("adminClose")}</summary>
                <form method="post" action={`/api/proposals/${p.id}/answer`}>
                  <input type="hidden" name="back" value={back} />
                  <input type="hidden" name="outcome" value="answer" />
                  <label htmlFor={`answer-${p.id}`}>{t("answerLabel")}</label>
                  <textarea id={`answer-${p.id}`} name="answer" rows={3} required minLength={5} maxLength={2000} />
                  <p>
                    <button type="submit" className="secondary">
                      {t("answerSubmit")}
                    </button>
                  </p>
                </form>
                <form method="post" action={`/api/proposals/${p.id}/answer`}>
                  <input type="hidden" name="back" value={back} />
                  <input type="hidden" name="outcome" value="matter" />
                  <p>
                    <button type="submit">{t("toMatter")}</button>
                  </p>
                </form>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
