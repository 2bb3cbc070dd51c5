import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.discriminatedUnion("outcome", [
  z.strictObject({
    proposalId: z.string().min(1),
    outcome: z.literal("answer"),
    answer: z.string().trim().min(5, "请写明答复理由 (give the reasons, at least 5 characters)").max(2000),
  }),
  z.strictObject({ proposalId: z.string().min(1), outcome: z.literal("matter") }),
]);

/**
 * The admin closes an open proposal: answers it publicly with reasons, or turns it into a matter raised by villagers
 * (S0, 动议) that then goes through 四议两公开. Either way signing ends.
 */
export function answerProposal(input: unknown, actor: Actor): Promise<{ state: string; matterId: string | null }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const proposal = await tx.proposal.findUnique({
      where: { id: data.proposalId },
      select: { id: true, orgId: true, state: true, title: true, description: true },
    });
    if (!proposal) throw new AppError("not_found", "proposal not found", { field: "proposalId" });
    const auditActor = await requireOrgRole(tx, actor, proposal.orgId, ["admin"]);
    if (proposal.state !== "open") throw new AppError("conflict", "the proposal is closed", { field: "proposalId", details: { reason: "proposal_closed" } });
    const object = { type: "proposal", id: proposal.id };
    const now = new Date();
    if (data.outcome === "answer") {
      await tx.proposal.update({ where: { id: proposal.id }, data: { state: "answered", answer: data.answer, closedAt: now } });
      await appendAudit(tx, { orgId: proposal.orgId, actor: auditActor, action: "proposal.answered", object, data: { answer: data.answer } });
      return { state: "answered", matterId: null };
    }
    const matter = await tx.matter.create({
      data: { orgId: proposal.orgId, title: proposal.title, description: proposal.description, kind: "general", source: "villagers" },
      select: { id: true },
    });
    await tx.proposal.update({ where: { id: proposal.id }, data: { state: "converted", matterId: matter.id, closedAt: now } });
    await appendAudit(tx, {
      orgId: proposal.orgId,
      actor: auditActor,
      action: "matter.raised",
      object: { type: "matter", id: matter.id },
      data: { title: proposal.title, kind: "general", source: "villagers", proposalId: proposal.id },
    });
    await appendAudit(tx, { orgId: proposal.orgId, actor: auditActor, action: "proposal.converted", object, data: { matterId: matter.id } });
    return { state: "converted", matterId: matter.id };
  });
}
