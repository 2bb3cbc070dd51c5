import { z } from "zod";
import { appendAuditMany } from "../../audit/append";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { eligiblePerson } from "./eligibility";

const schema = z.strictObject({
  orgId: z.string().min(1),
  title: z.string().trim().min(2, "请写议题名称 (a title of at least 2 characters)").max(100),
  description: z.string().trim().max(2000, "说明不超过2000字 (at most 2,000 characters)").default(""),
});

/** A resident raises a topic (议题征集); they are its first signatory. */
export function submitProposal(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const { personId, auditActor } = await eligiblePerson(tx, actor, data.orgId);
    const proposal = await tx.proposal.create({ data: { orgId: data.orgId, title: data.title, description: data.description, authorPersonId: personId }, select: { id: true } });
    await tx.proposalSignature.create({ data: { proposalId: proposal.id, personId, orgId: data.orgId } });
    const object = { type: "proposal", id: proposal.id };
    await appendAuditMany(tx, [
      { orgId: data.orgId, actor: auditActor, action: "proposal.submitted", object, data: { title: data.title, description: data.description } },
      { orgId: data.orgId, actor: auditActor, action: "proposal.signed", object, data: { personId, count: 1 } },
    ]);
    return { id: proposal.id };
  });
}
