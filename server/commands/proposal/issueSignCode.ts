import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import { DAY_MS } from "../../time";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { hashSignCode, newSignCode, SIGN_CODE_DAYS } from "./signCodes";

const schema = z.strictObject({ proposalId: z.string().min(1), personId: z.string().min(1, "请选择村民 (choose a resident)") });

export type IssuedSignCode = { codeId: string; code: string; personName: string; proposalTitle: string; expiresAt: Date };

/**
 * The clerk hands a resident without an account (or without a phone) a one-time code to co-sign one proposal
 * (issue #22): the clerk has checked who they are in person, as for a paper signature. The code is shown once to the
 * clerk and never stored; a new code for the same person replaces an unused one. The log names the clerk and the
 * person, never the code.
 */
export function issueSignCode(input: unknown, actor: Actor, now = new Date()): Promise<IssuedSignCode> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const proposal = await tx.proposal.findUnique({ where: { id: data.proposalId }, select: { id: true, orgId: true, state: true, title: true } });
    if (!proposal) throw new AppError("not_found", "proposal not found", { field: "proposalId" });
    const auditActor = await requireOrgRole(tx, actor, proposal.orgId, ["admin"]);
    if (proposal.state !== "open") throw new AppError("conflict", "the proposal is closed", { field: "proposalId", details: { reason: "proposal_closed" } });
    const person = await tx.person.findUnique({ where: { id: data.personId }, select: { id: true, orgId: true, name: true, isAdult: true, deletedAt: true } });
    if (!person || person.orgId !== proposal.orgId || !person.isAdult || person.deletedAt !== null) {
      throw new AppError("invalid_input", "only adult residents of this organization may sign", { field: "personId", details: { reason: "not_eligible" } });
    }
    const signed = await tx.proposalSignature.findUnique({ where: { proposalId_personId: { proposalId: proposal.id, personId: person.id } } });
    if (signed) throw new AppError("conflict", "already signed", { field: "personId", details: { reason: "already_signed" } });
    const replaced = await tx.proposalSignCode.updateMany({
      where: { proposalId: proposal.id, personId: person.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const code = newSignCode();
    const expiresAt = new Date(now.getTime() + SIGN_CODE_DAYS * DAY_MS);
    const row = await tx.proposalSignCode.create({
      data: {
        orgId: proposal.orgId,
        proposalId: proposal.id,
        personId: person.id,
        codeHash: hashSignCode(proposal.id, code),
        issuedBy: auditActor?.id ?? "system",
        expiresAt,
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      orgId: proposal.orgId,
      actor: auditActor,
      action: "proposal.code_issued",
      object: { type: "proposal", id: proposal.id },
      data: { personId: person.id, codeId: row.id, expiresAt: expiresAt.toISOString(), replaced: replaced.count },
    });
    return { codeId: row.id, code, personName: person.name, proposalTitle: proposal.title, expiresAt };
  });
}
