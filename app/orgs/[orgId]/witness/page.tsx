import { getFormatter, getTranslations } from "next-intl/server";
import { witnessEvidencePage } from "@/server/queries/townshipWitness";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { Denied } from "../../../admin/ui";
import "../../../admin/admin.css";
import "../compliance/compliance.css";
import "./witness.css";

export const dynamic = "force-dynamic";

/**
 * 见证证据 (issue #21 item 3): what the township's witness refused for this organization's audit log — the checkpoint it
 * had cosigned and the different one the server later showed, both as kept by the witness, with the consistency
 * proof that failed, in words. The red split-view alert links here.
 */
export default async function WitnessEvidence({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const viewer = await viewerOrLogin();
  const result = await load(() => witnessEvidencePage(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const page = result.data;
  const t = await getTranslations("witnessEvidence");
  const format = await getFormatter();
  const when = (at: Date | null) =>
    at ? format.dateTime(at, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" }) : t("unknownTime");
  return (
    <div className="compliance">
      <h1>{t("title", { org: page.org.name })}</h1>
      <p className="hint">{t("intro")}</p>
      {page.witness ? (
        <section aria-labelledby="key-title" className="card">
          <h2 id="key-title">{t("keyTitle", { township: page.township?.name ?? "" })}</h2>
          <p>
            <code className="vkey" data-township-witness-vkey="">
              {page.witness.vkey}
            </code>
          </p>
        </section>
      ) : (
        <p>{t("noWitness")}</p>
      )}
      {page.splitViews.length === 0 ? <p data-split-views="0">{t("none")}</p> : null}
      {page.splitViews.map((s, i) => (
        <section key={`${s.origin}-${s.receivedAt.toISOString()}-${i}`} aria-labelledby={`split-${i}`} className="card alert-card alert-red" data-split-view="">
          <h2 id={`split-${i}`}>
            <span className="dot dot-red" aria-hidden="true" />
            {t("refusedAt", { at: when(s.receivedAt) })}
          </h2>
          <dl className="facts">
            <dt>{t("cosigned")}</dt>
            <dd>{t("tree", { size: s.fact.cosigned.size, root: s.fact.cosigned.rootHash, at: when(s.fact.cosigned.at) })}</dd>
            <dt>{t("submitted")}</dt>
            <dd>{t("tree", { size: s.fact.submitted.size, root: s.fact.submitted.rootHash, at: when(s.fact.submitted.at) })}</dd>
            <dt>{t("proof")}</dt>
            <dd>
              {s.fact.cosigned.size === s.fact.submitted.size
                ? t("sameSize", { size: s.fact.submitted.size })
                : t("proofFailed", { from: s.fact.proof.fromSize, to: s.fact.submitted.size, hashes: s.fact.proof.hashes })}
            </dd>
            <dt>{t("witnessSaid")}</dt>
            <dd>{s.reason}</dd>
          </dl>
          <h3>{t("cosignedNote")}</h3>
          <pre className="note">{s.known}</pre>
          <h3>{t("submittedNote")}</h3>
          <pre className="note">{s.submitted}</pre>
          {s.proof.length > 0 ? (
            <>
              <h3>{t("proofHashes", { count: s.proof.length })}</h3>
              <pre className="note">{s.proof.join("\n")}</pre>
            </>
          ) : null}
        </section>
      ))}
      <p className="hint">{t("howToCheck")}</p>
    </div>
  );
}
