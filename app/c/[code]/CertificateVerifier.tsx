"use client";

import { useCallback, useEffect, useState } from "react";
import { type CertificateVerdict, verifyCertificateInBrowser } from "@/server/domain/certificate/verifyCertificate";

/** The page's words, translated on the server: the client bundle carries no message catalog for this page. */
export type VerifierWords = {
  checking: string;
  verified: string;
  verifiedDetail: string;
  /** With `{names}`. */
  witnessed: string;
  failedTitle: string;
  /** With `{field}`. */
  failedField: string;
  /** With `{why}`. */
  failedDecision: string;
  failedPlan: string;
  failedFormat: string;
  why: Record<string, string>;
  fields: Record<string, string>;
  whatToDo: string;
  offline: string;
  again: string;
  /** With `{ms}`. */
  timing: string;
};

/**
 * Checks the certificate in this browser when the page has loaded (and again on request): both proofs against the
 * signed checkpoint and every field against the log entries (server/domain/certificate), no network, no login.
 */
export function CertificateVerifier(props: { certificate: unknown; logKeys: string[]; witnessKeys: string[]; words: VerifierWords }) {
  const { certificate, logKeys, witnessKeys, words } = props;
  const [result, setResult] = useState<{ verdict: CertificateVerdict; ms: number } | null>(null);
  const [checks, setChecks] = useState(0);
  const check = useCallback(() => {
    const started = performance.now();
    const verdict = verifyCertificateInBrowser(certificate, { logKeys, witnessKeys });
    const ended = performance.now();
    // A user timing Lighthouse reports (bench/lighthouse.ts measures the check under the mobile profile's CPU slowdown).
    performance.measure("yishi:certificate-verify", { start: started, end: ended });
    setResult({ verdict, ms: ended - started });
    setChecks((n) => n + 1);
  }, [certificate, logKeys, witnessKeys]);
  useEffect(() => check(), [check]);

  let body: React.ReactNode;
  const verdict = result?.verdict ?? null;
  if (verdict === null) {
    body = <p>{words.checking}</p>;
  } else if (verdict.ok) {
    body = (
      <>
        <p className="cert-verdict-title">{words.verified}</p>
        <p>{words.verifiedDetail}</p>
        {verdict.witnessedBy.length > 0 ? <p>{words.witnessed.replace("{names}", verdict.witnessedBy.map((w) => w.name).join("、"))}</p> : null}
      </>
    );
  } else {
    const why = (reason: string | undefined) => words.why[reason ?? ""] ?? reason ?? "";
    const detail =
      verdict.check === "format"
        ? words.failedFormat
        : verdict.check === "decision"
          ? words.failedDecision.replace("{why}", why(verdict.reason))
          : verdict.check === "plan"
            ? words.failedPlan.replace("{why}", why(verdict.reason))
            : words.failedField.replace("{field}", words.fields[verdict.check] ?? verdict.check);
    body = (
      <>
        <p className="cert-verdict-title">{words.failedTitle}</p>
        <p>{detail}</p>
        <p>{words.whatToDo}</p>
      </>
    );
  }
  const tone = verdict === null ? "" : verdict.ok ? " ok" : " bad";
  return (
    <section
      aria-live="polite"
      className={`cert-verdict${tone}`}
      data-checks={checks}
      data-verdict={verdict === null ? "" : verdict.ok ? "ok" : `fail:${verdict.check}`}
      data-ms={result ? result.ms.toFixed(1) : ""}
    >
      {body}
      <p className="hint">{words.offline}</p>
      {result ? <p className="hint">{words.timing.replace("{ms}", result.ms < 1 ? "<1" : String(Math.round(result.ms)))}</p> : null}
      <p>
        <button type="button" className="secondary" onClick={check} disabled={verdict === null}>
          {words.again}
        </button>
      </p>
    </section>
  );
}
