import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { eligiblePerson, proposalProgress } from "./eligibility";

const schema = z.strictObject({ proposalId: z.string().min(1) });

/**
 * An eligible resident co-signs (联名) an open proposal, once. When the count reaches a threshold of the law, the
 * convener's duty to call that meeting is recorded (once per body) with its basis, in the same transaction.
 */
export function coSignProposal(input: unknown, actor: Actor): Promise<{ count: number; reached: string[] }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const proposal = await tx.proposal.findUnique({ where: { id: data.proposalId }, select: { id: true, orgId: true, state: true } });
    if (!proposal) throw new AppError("not_found", "proposal not found", { field: "proposalId" });
    const { personId, auditActor } = await eligiblePerson(tx, actor, proposal.orgId);
    if (proposal.state !== "open") throw new AppError("conflict", "the proposal is closed", { field: "proposalId", details: { reason: "proposal_closed" } });
    const existing = await tx.proposalSignature.findUnique({ where: { proposalId_personId: { proposalId: proposal.id, personId } } });
    if (existing) throw new AppError("conflict", "already signed", { field: "proposalId", details: { reason: "already_signed" } });
    await tx.proposalSignature.create({ data: { proposalId: proposal.id, personId, orgId: proposal.orgId } });
    const count = await tx.proposalSignature.count({ where: { proposalId: proposal.id } });
    const object = { type: "proposal", id: proposal.id };
    await appendAudit(tx, { orgId: proposal.orgId, actor: auditActor, action: "proposal.signed", object, data: { personId, count } });
    const reached: string[] = [];
    for (const step of (await proposalProgress(tx, proposal)).filter((p) => p.reached)) {
      const duty = await tx.conveningDuty.findUnique({ where: { proposalId_body: { proposalId: proposal.id, body: step.body } } });
      if (duty) continue;
      await tx.conveningDuty.create({ data: { orgId: proposal.orgId, proposalId: proposal.id, body: step.body, basis: step.legalBasis, signed: step.signed, needed: step.needed } });
      await appendAudit(tx, { orgId: proposal.orgId, actor: null, action: "proposal.threshold_reached", object, data: { body: step.body, rule: step.key, signed: step.signed, needed: step.needed, legalBasis: step.legalBasis } });
      reached.push(step.body);
    }
    return { count, reached };
  });
}
