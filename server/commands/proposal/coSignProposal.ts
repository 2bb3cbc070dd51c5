import { z } from "zod";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { eligiblePerson } from "./eligibility";
import { recordSignature } from "./recordSignature";

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
    return recordSignature(tx, proposal, personId, auditActor, "account");
  });
}
