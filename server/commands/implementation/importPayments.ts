import { createHash } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { findDecision } from "../../db/load/decisionRecord";
import { checkPayments, type DecisionOnRecord, type PaymentFlag, type PaymentRow, paymentRows } from "../../domain/implementation/payments";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { cleanFilename } from "../meeting/materialType";
import { readRosterFile } from "../org/roster/readRosterFile";
import { runCommand, type Tx } from "../run";

export const PAYMENTS_MAX_BYTES = 2_000_000;
export const PAYMENTS_MAX_ROWS = 5_000;

const schema = z.strictObject({
  orgId: z.string().min(1).max(64),
  filename: z.string().max(500),
  data: z.instanceof(Uint8Array),
});

export type ImportedPayments = {
  importId: string;
  orgId: string;
  rows: number;
  flagged: number;
  encoding: string;
  payments: (Omit<PaymentRow, "amountFen"> & { amountFen: string; flags: PaymentFlag[] })[];
};

type Read = { rows: PaymentRow[]; encoding: string; sha256: string };

/** Decoding (UTF-8 or GBK/GB18030, as the roster import detects it; or .xlsx) runs before the transaction opens. */
async function readPayments(input: z.infer<typeof schema>): Promise<Read> {
  if (input.data.byteLength > PAYMENTS_MAX_BYTES)
    throw new AppError("invalid_input", "file larger than 2 MB", { field: "file", details: { reason: "too_large" } });
  const read = await readRosterFile(input.data);
  if (!read.ok)
    throw new AppError("invalid_input", `the file cannot be read: ${read.problem}`, { field: "file", details: { reason: read.problem, line: read.line } });
  const parsed = paymentRows(read.records);
  if ("problem" in parsed) {
    const { line, field, reason } = parsed.problem;
    throw new AppError("invalid_input", `line ${line}: ${field} ${reason}`, { field: "file", details: { reason: `${field}_${reason}`, line } });
  }
  if (parsed.rows.length === 0) throw new AppError("invalid_input", "the file lists no payments", { field: "file", details: { reason: "empty" } });
  if (parsed.rows.length > PAYMENTS_MAX_ROWS)
    throw new AppError("invalid_input", "more than 5,000 payments", { field: "file", details: { reason: "too_many_rows" } });
  return {
    rows: parsed.rows,
    encoding: read.format === "xlsx" ? "xlsx" : (read.encoding ?? "utf-8"),
    sha256: createHash("sha256").update(input.data).digest("hex"),
  };
}

/** Every decision of the organization a payment may cite: its plan's short ID, cap, what earlier imports paid under it. */
async function decisionsOf(tx: Tx, orgId: string): Promise<{ byCode: Map<string, DecisionOnRecord>; planIds: Map<string, string> }> {
  const plans = await tx.implementationPlan.findMany({
    where: { orgId },
    select: { id: true, decisionCode: true, capFen: true, motionId: true, matter: { select: { id: true, kind: true } } },
  });
  const byCode = new Map<string, DecisionOnRecord>();
  const planIds = new Map<string, string>();
  for (const plan of plans) {
    // A decision stands while it is still the matter's decision on record: a later vote that failed or replaced it
    // (a reconsideration) leaves the plan citing a decision that no longer holds.
    const current = await findDecision(tx, plan.matter);
    const paid = await tx.payment.aggregate({ where: { planId: plan.id }, _sum: { amountFen: true } });
    byCode.set(plan.decisionCode, {
      code: plan.decisionCode,
      isStanding: current?.motion.id === plan.motionId,
      capFen: plan.capFen,
      paidBeforeFen: paid._sum.amountFen ?? 0n,
    });
    planIds.set(plan.decisionCode, plan.id);
  }
  return { byCode, planIds };
}

/**
 * Payments checked against decisions (issue #23): the clerk imports a 三资 platform's export of payments; each is
 * kept with the reasons it is flagged — no decision cited, a decision unknown here or no longer standing, or the
 * total under a decision past the amount it set. Flags are findings for the supervisors; nothing is refused for them.
 * The same file twice is refused (it would count every payment twice).
 */
export async function importPayments(input: unknown, actor: Actor): Promise<ImportedPayments> {
  return runCommand(
    schema,
    input,
    actor,
    async (tx, data, read: Read) => {
      const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
      if (await tx.paymentImport.findFirst({ where: { orgId: data.orgId, sha256: read.sha256 }, select: { id: true } })) {
        throw new AppError("conflict", "this file was imported before", { field: "file", details: { reason: "already_imported" } });
      }
      const { byCode, planIds } = await decisionsOf(tx, data.orgId);
      const flags = checkPayments(read.rows, byCode);
      const payments = read.rows.map((row, i) => ({ ...row, flags: flags[i] }));
      const flagged = payments.filter((p) => p.flags.length > 0).length;
      const filename = cleanFilename(data.filename);
      const created = await tx.paymentImport.create({
        data: {
          orgId: data.orgId,
          filename,
          sha256: read.sha256,
          encoding: read.encoding,
          rows: payments.length,
          flagged,
          createdBy: actor.kind === "account" ? actor.accountId : "system",
        },
        select: { id: true },
      });
      await tx.payment.createMany({
        data: payments.map((p) => ({
          orgId: data.orgId,
          importId: created.id,
          line: p.line,
          paidOn: p.paidOn,
          payee: p.payee,
          amountFen: p.amountFen,
          purpose: p.purpose,
          decisionCode: p.decisionCode,
          planId: p.decisionCode ? (planIds.get(p.decisionCode) ?? null) : null,
          flags: p.flags,
        })),
      });
      await appendAudit(tx, {
        orgId: data.orgId,
        actor: auditActor,
        action: "payments.imported",
        object: { type: "payment_import", id: created.id },
        data: {
          filename,
          sha256: read.sha256,
          encoding: read.encoding,
          rows: payments.length,
          flagged,
          payments: payments.map((p) => ({
            line: p.line,
            paidOn: p.paidOn,
            payee: p.payee,
            amountFen: p.amountFen.toString(),
            purpose: p.purpose,
            decisionCode: p.decisionCode,
            flags: p.flags,
          })),
        },
      });
      return {
        importId: created.id,
        orgId: data.orgId,
        rows: payments.length,
        flagged,
        encoding: read.encoding,
        payments: payments.map((p) => ({ ...p, amountFen: p.amountFen.toString() })),
      };
    },
    readPayments,
  );
}
