/**
 * Decision certificates (决议凭证, issue #23) checked in the browser, offline: both tlog-proofs with the receipt
 * verifier (server/domain/proof), then every statement field against the proven entries' bytes — the rules of
 * checkCertificateStatement in server/audit/verify.mjs, which stays the dependency-free Node checker; the table of
 * fields is the same (server/audit/certificate.test.ts runs both on the same good and tampered certificates).
 * Answers with the check or field that failed; the page says it in words.
 */
import type { VerifiedEntry } from "../proof/entry";
import { canonicalJson } from "../proof/entry";
import { type ProofFailure, type ProofVerdict, verifyTlogProofInBrowser, type WitnessSeen } from "../proof/verifyInBrowser";

export const CERTIFICATE_FORMAT = "yishi-decision-certificate/v1";

/** Statement field → [entry, path into it]: the decision.certified entry or the implementation plan's entry. */
export const CERTIFICATE_FIELDS: Readonly<Record<string, readonly ["decision" | "plan", string]>> = {
  code: ["decision", "data.code"],
  org: ["decision", "data.org.name"],
  body: ["decision", "data.body.name"],
  bodyKind: ["decision", "data.body.kind"],
  meetingNumber: ["decision", "data.meeting.number"],
  meetingTitle: ["decision", "data.meeting.title"],
  meetingDate: ["decision", "data.meeting.date"],
  decidedOn: ["decision", "data.decidedOn"],
  matter: ["decision", "data.matter.title"],
  matterKind: ["decision", "data.matter.kind"],
  motion: ["decision", "data.motion"],
  yes: ["decision", "data.vote.yes"],
  no: ["decision", "data.vote.no"],
  abstain: ["decision", "data.vote.abstain"],
  passed: ["decision", "data.vote.passed"],
  ruleBody: ["decision", "data.rule.body"],
  ruleKind: ["decision", "data.rule.kind"],
  needed: ["decision", "data.rule.needed"],
  capFen: ["plan", "data.capFen"],
};

export type CertificateFile = { format: string; statement: Record<string, unknown>; vkey: string; decision: string; plan?: string };

export type CertificateVerdict =
  | { ok: true; origin: string; treeSize: number; decisionSeq: number; planSeq: number | null; witnessedBy: WitnessSeen[] }
  | {
      ok: false;
      /** "format", "decision" / "plan" (a proof, with `reason`), or the statement field that does not match the log. */
      check: string;
      reason?: ProofFailure | "wrong_entry" | "not_passed" | "other_decision" | "unknown_field" | "missing" | "differs";
    };

function valueAt(entry: VerifiedEntry, dotted: string): unknown {
  let value: unknown = entry;
  for (const key of dotted.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const sameJson = (a: unknown, b: unknown): boolean => {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
};

/** The log key lines a certificate carries; the first that signed the checkpoint decides. */
function prove(text: unknown, keys: string[], witnessKeys: readonly string[]): ProofVerdict {
  if (typeof text !== "string") return { ok: false, reason: "malformed" };
  let last: ProofVerdict = { ok: false, reason: "bad_log_key" };
  for (const logKey of keys) {
    last = verifyTlogProofInBrowser(text, { logKey, witnessKeys });
    if (last.ok || (last.reason !== "not_signed_by_log" && last.reason !== "bad_log_key")) return last;
  }
  return last;
}

/**
 * Verifies a certificate. `logKeys`: the organization's log keys to trust (the page passes the ones it was served
 * with; the file's own `vkey` otherwise). Never throws.
 */
export function verifyCertificateInBrowser(cert: unknown, options: { logKeys?: string[]; witnessKeys?: readonly string[] } = {}): CertificateVerdict {
  if (cert === null || typeof cert !== "object") return { ok: false, check: "format" };
  const c = cert as Partial<CertificateFile>;
  if (c.format !== CERTIFICATE_FORMAT || c.statement === null || typeof c.statement !== "object" || Array.isArray(c.statement)) {
    return { ok: false, check: "format" };
  }
  const keys =
    options.logKeys ??
    (typeof c.vkey === "string"
      ? c.vkey
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== "" && !l.startsWith("#"))
      : []);
  const witnessKeys = options.witnessKeys ?? [];
  const decision = prove(c.decision, keys, witnessKeys);
  if (!decision.ok) return { ok: false, check: "decision", reason: decision.reason };
  const plan = c.plan === undefined || c.plan === null ? null : prove(c.plan, keys, witnessKeys);
  if (plan && !plan.ok) return { ok: false, check: "plan", reason: plan.reason };
  const d = decision.entry;
  const p = plan?.ok ? plan.entry : null;
  const statement = c.statement;
  for (const field of Object.keys(statement)) {
    if (!Object.hasOwn(CERTIFICATE_FIELDS, field)) return { ok: false, check: field, reason: "unknown_field" };
  }
  if (d.action !== "decision.certified") return { ok: false, check: "decision", reason: "wrong_entry" };
  if (valueAt(d, "data.vote.passed") !== true) return { ok: false, check: "passed", reason: "not_passed" };
  if (p !== null) {
    if (p.action !== "implementation.planned") return { ok: false, check: "plan", reason: "wrong_entry" };
    if (p.org !== d.org || p.data.motionId !== d.object.id || p.data.decisionCode !== d.data.code)
      return { ok: false, check: "plan", reason: "other_decision" };
  }
  for (const [field, [which, where]] of Object.entries(CERTIFICATE_FIELDS)) {
    const entry = which === "decision" ? d : p;
    const recorded = entry === null ? null : valueAt(entry, where);
    const shown = Object.hasOwn(statement, field) ? statement[field] : undefined;
    if (shown === undefined && (recorded === undefined || recorded === null)) continue;
    if (shown === undefined) return { ok: false, check: field, reason: "missing" };
    if (recorded === undefined || !sameJson(shown, recorded)) return { ok: false, check: field, reason: "differs" };
  }
  const witnessedBy = [...decision.witnessedBy];
  return { ok: true, origin: decision.origin, treeSize: decision.treeSize, decisionSeq: decision.index, planSeq: plan?.ok ? plan.index : null, witnessedBy };
}
