/**
 * Decision certificates (决议凭证, issue #23): for a passed decision announced on a matter, a small JSON file anyone
 * can check offline — with `node verify.mjs --certificate FILE` or on the public page /c/<code>.
 *
 *   {
 *     "format": "yishi-decision-certificate/v1",
 *     "statement": { "code", "org", "body", "bodyKind", "meetingNumber", "meetingTitle", "meetingDate", "decidedOn",
 *                    "matter", "matterKind", "motion", "yes", "no", "abstain", "passed", "ruleBody", "ruleKind",
 *                    "needed", "capFen"? },
 *     "vkey": "<the organization's log verifier key(s), one per line>",
 *     "decision": "<c2sp.org/tlog-proof of the decision.certified entry>",
 *     "plan": "<c2sp.org/tlog-proof of the implementation.planned entry>"   (only once a plan exists)
 *   }
 *
 * The statement is read off the entries' bytes (verify.mjs CERTIFICATE_FIELDS says where each field lives), so it
 * says nothing the log does not. The decision.certified entry (server/commands/matter/certifyDecision.ts), written
 * with the announcement or when the vote is recorded on its matter, carries the short ID, organization, body,
 * meeting, matter, motion, tally and rule; the amount cap comes from the plan's entry, which cites the same short ID.
 */

import { currentDb } from "../db";
import { AppError } from "../errors";
import { auditSigner } from "./auditSigner";
import { proofForEntry } from "./proofs";
import { CERTIFICATE_FIELDS, CERTIFICATE_FORMAT, type CertificateStatement, decodeEntry, type JsonValue, parseTlogProof } from "./verify.mjs";

export type Certificate = {
  format: typeof CERTIFICATE_FORMAT;
  statement: CertificateStatement;
  vkey: string;
  decision: string;
  plan?: string;
};

/** Decision codes are printed in lower case from the base32 alphabet of newShortCode; typed ones may differ in case. */
export function normalizeCertificateCode(code: string): string | null {
  const lower = code.trim().toLowerCase();
  return /^[0-9a-hjkmnp-tv-z]{8}$/.test(lower) ? lower : null;
}

type Entry = ReturnType<typeof decodeEntry>;

function valueAt(entry: Entry, dotted: string): JsonValue | undefined {
  let value: JsonValue | undefined = entry as unknown as JsonValue;
  for (const key of dotted.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as { [k: string]: JsonValue })[key];
  }
  return value;
}

/** The statement as the entries record it: every field from its place in CERTIFICATE_FIELDS. */
export function statementOf(decision: Entry, plan: Entry | null): CertificateStatement {
  const statement: CertificateStatement = {};
  for (const [field, [which, where]] of Object.entries(CERTIFICATE_FIELDS)) {
    const entry = which === "decision" ? decision : plan;
    const value = entry === null ? undefined : valueAt(entry, where);
    if (value !== undefined) statement[field] = value;
  }
  return statement;
}

async function findEntry(orgId: string, action: string, objectId: string): Promise<{ seq: number } | null> {
  const { prisma } = currentDb();
  const rows = await prisma.auditEntry.findMany({ where: { orgId, action }, orderBy: { seq: "desc" }, select: { seq: true, bytes: true } });
  for (const row of rows) {
    const entry = decodeEntry(Buffer.from(row.bytes, "utf8"));
    if (entry.object.id === objectId) return { seq: row.seq };
  }
  return null;
}

/**
 * The certificate of the decision with short ID `code`, with proofs against the organization's latest signed (and,
 * where witnessed, cosigned) checkpoint. Public: a decision is published on the notice board anyway (RULES.md §6).
 */
export async function certificateFor(code: string): Promise<Certificate> {
  const normalized = normalizeCertificateCode(code);
  if (!normalized) throw new AppError("not_found", "no such decision", { field: "code" });
  const { prisma } = currentDb();
  const motion = await prisma.motion.findUnique({ where: { decisionCode: normalized }, select: { id: true, meeting: { select: { orgId: true } } } });
  if (!motion) throw new AppError("not_found", "no such decision", { field: "code" });
  const orgId = motion.meeting.orgId;
  const decisionRow = await findEntry(orgId, "decision.certified", motion.id);
  if (!decisionRow) throw new AppError("not_found", "the decision's entry is not in the log", { field: "code" });
  const plan = await prisma.implementationPlan.findFirst({ where: { motionId: motion.id, decisionCode: normalized }, select: { id: true } });
  const planRow = plan ? await findEntry(orgId, "implementation.planned", plan.id) : null;
  const decisionProof = await proofForEntry(orgId, decisionRow.seq);
  const planProof = planRow ? await proofForEntry(orgId, planRow.seq) : null;
  const decisionEntry = decodeEntry(parseTlogProof(decisionProof.text).extra ?? new Uint8Array());
  const planEntry = planProof ? decodeEntry(parseTlogProof(planProof.text).extra ?? new Uint8Array()) : null;
  const origin = parseTlogProof(decisionProof.text).checkpoint.split("\n")[0] ?? "";
  return {
    format: CERTIFICATE_FORMAT,
    statement: statementOf(decisionEntry, planEntry),
    vkey: `${auditSigner().vkeys(origin).join("\n")}\n`,
    decision: decisionProof.text,
    ...(planProof ? { plan: planProof.text } : {}),
  };
}

/** The certificate as its file: pretty JSON, so it reads in a browser tab or a text editor. */
export function certificateText(certificate: Certificate): string {
  return `${JSON.stringify(certificate, null, 2)}\n`;
}

export const certificateFileName = (code: string) => `yishi-decision-${code}.json`;
