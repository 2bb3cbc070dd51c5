import { getFormatter, getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { proposalBoard } from "@/server/queries/proposals";
import { load } from "@/server/web/loadPage";
import type { Query } from "../../admin/query";
import { Denied, FormStatus, localeKey } from "../../admin/ui";
import "../../admin/admin.css";

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
  const { org, proposals, canSign, isAdmin } = result.data;
  const t = await getTranslations("proposals");
  const format = await getFormatter();
  const locale = await localeKey();
  const back = `/proposals/${orgId}`;
  return (
    <div>
      <p className="muted">{org.name}</p>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <FormStatus query={await searchParams} />
      {canSign ? (
        <section className="card" aria-labelledby="new-proposal">
          <h2 id="new-proposal">{t("new")}</h2>
          <form method="post" action="/api/proposals">
            <input type="hidden" name="back" value={back} />
            <input type="hidden" name="orgId" value={orgId} />
            <label htmlFor="proposal-title">{t("titleLabel")}</label>
            <input id="proposal-title" name="title" type="text" required minLength={2} maxLength={100} />
            <label htmlFor="proposal-description">{t("description")}</label>
            <textarea id="proposal-description" name="description" rows={4} maxLength={2000} />
            <p><button type="submit">{t("submit")}</button></p>
          </form>
        </section>
      ) : account ? <p className="muted">{t("notEligible")}</p> : <p><a href="/login">{t("login")}</a></p>}
      {proposals.length === 0 ? <p>{t("none")}</p> : null}
      <ul className="list-plain">
        {proposals.map((p) => (
          <li key={p.id} className="card" aria-labelledby={`proposal-${p.id}`}>
            <h2 id={`proposal-${p.id}`}>{p.title}</h2>
            <p className="muted">{format.dateTime(p.createdAt, { year: "numeric", month: "long", day: "numeric" })} · {t(`states.${p.state}` as "states.open")}</p>
            {p.description ? <p>{p.description}</p> : null}
            <p data-testid="signature-count"><strong>{t("count", { count: p.count })}</strong></p>
            <ul>{p.progress.map((step) => <li key={step.key}>{step.words[locale]}{step.reached ? ` ✓ ${t("reached")}` : ""}（{step.legalBasis}）</li>)}</ul>
            {p.duties.length > 0 ? (
              <div className="warn-list" role="note">
                {p.duties.map((d) => <p key={d.body}>{t("duty", { body: t(`bodies.${d.body}` as "bodies.villagers-assembly"), date: format.dateTime(d.reachedAt, { month: "long", day: "numeric" }) })}（{d.basis}）</p>)}
              </div>
            ) : null}
            {p.answer ? <p><strong>{t("answer")}</strong>{p.answer}</p> : null}
            {p.matterId ? <p>{t("converted")}</p> : null}
            {p.state === "open" && canSign ? (
              p.hasSigned ? <p role="status">{t("signed")}</p> : (
                <form method="post" action={`/api/proposals/${p.id}/sign`}>
                  <input type="hidden" name="back" value={back} />
                  <button type="submit" aria-label={t("signLabel", { title: p.title })}>{t("sign")}</button>
                </form>
              )
            ) : null}
            {p.state === "open" && isAdmin ? (
              <details>
                <summary>{t("adminClose")}</summary>
                <form method="post" action={`/api/proposals/${p.id}/answer`}>
                  <input type="hidden" name="back" value={back} />
                  <input type="hidden" name="outcome" value="answer" />
                  <label htmlFor={`answer-${p.id}`}>{t("answerLabel")}</label>
                  <textarea id={`answer-${p.id}`} name="answer" rows={3} required minLength={5} maxLength={2000} />
                  <p><button type="submit" className="secondary">{t("answerSubmit")}</button></p>
                </form>
                <form method="post" action={`/api/proposals/${p.id}/answer`}>
                  <input type="hidden" name="back" value={back} />
                  <input type="hidden" name="outcome" value="matter" />
                  <p><button type="submit">{t("toMatter")}</button></p>
                </form>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
