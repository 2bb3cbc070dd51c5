import { z } from "zod";
import { confineToOrg } from "../../auth/scope";
import { AppError } from "../../errors";
import { SYSTEM } from "../actor";
import { runCommand } from "../run";
import { recordSignature } from "./recordSignature";
import { hashSignCode, normalizeSignCode } from "./signCodes";

const schema = z.strictObject({
  proposalId: z.string().min(1),
  code: z
    .string()
    .max(40)
    .transform((typed, ctx) => {
      const code = normalizeSignCode(typed);
      if (!code) ctx.addIssue({ code: "custom", message: "联名码是10位数字 (the code has ten digits)" });
      return code ?? "";
    }),
});

/**
 * A resident co-signs with the one-time code the clerk handed them (no account, no login): the code is the proof of
 * who they are, so the command runs with no logged-in actor and the log names the person and the clerk who issued
 * the code. Once, before it expires, while the proposal is open; of two phones using one code at once, one wins.
 */
export function coSignWithCode(input: unknown, now = new Date()): Promise<{ count: number; reached: string[] }> {
  return runCommand(schema, input, SYSTEM, async (tx, data) => {
    const proposal = await tx.proposal.findUnique({ where: { id: data.proposalId }, select: { id: true, orgId: true, state: true } });
    if (!proposal) throw new AppError("not_found", "proposal not found", { field: "proposalId" });
    await confineToOrg(tx, proposal.orgId);
    const row = await tx.proposalSignCode.findUnique({ where: { codeHash: hashSignCode(proposal.id, data.code) } });
    if (!row || row.proposalId !== proposal.id || row.revokedAt)
      throw new AppError("invalid_input", "no such code", { field: "code", details: { reason: "code_unknown" } });
    if (row.usedAt) throw new AppError("conflict", "code used", { field: "code", details: { reason: "code_used" } });
    if (row.expiresAt <= now) throw new AppError("conflict", "code expired", { field: "code", details: { reason: "code_expired" } });
    if (proposal.state !== "open") throw new AppError("conflict", "the proposal is closed", { field: "proposalId", details: { reason: "proposal_closed" } });
    const used = await tx.proposalSignCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new AppError("conflict", "code used", { field: "code", details: { reason: "code_used" } });
    const person = await tx.person.findUnique({ where: { id: row.personId }, select: { id: true, isAdult: true, deletedAt: true } });
    if (!person?.isAdult || person.deletedAt !== null)
      throw new AppError("forbidden", "only adult residents may sign", { details: { reason: "not_eligible" } });
    return recordSignature(tx, proposal, person.id, null, "code", { codeId: row.id, issuedBy: row.issuedBy });
  });
}
