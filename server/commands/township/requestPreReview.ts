import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole, townshipOf } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({ matterId: z.string().min(1) });

/**
 * The village's admin asks the township for the legality pre-review (合法性预审) of a matter's proposal (issue #20);
 * after a return with reasons, a new request (the revised proposal) starts a new review. One open request at a time.
 */
export function requestPreReview(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const found = await tx.matter.findUnique({ where: { id: data.matterId }, select: { orgId: true } });
    if (!found) throw new AppError("not_found", "matter not found", { field: "matterId" });
    const auditActor = await requireOrgRole(tx, actor, found.orgId, ["admin"]);
    const above = await townshipOf(tx, found.orgId);
    if (!above) throw new AppError("conflict", "this organization belongs to no township to ask", { field: "matterId" });
    const latest = await tx.preReview.findFirst({ where: { matterId: data.matterId }, orderBy: { requestedAt: "desc" }, select: { state: true } });
    if (latest?.state === "requested") throw new AppError("conflict", "a pre-review is already waiting for the township", { field: "matterId" });
    if (latest?.state === "approved") throw new AppError("conflict", "the township already approved this matter", { field: "matterId" });
    const review = await tx.preReview.create({ data: { matterId: data.matterId, orgId: found.orgId, state: "requested" } });
    await appendAudit(tx, {
      orgId: found.orgId,
      actor: auditActor,
      action: "prereview.requested",
      object: { type: "matter", id: data.matterId },
      data: { preReview: review.id, township: above.townshipId },
      now: review.requestedAt,
    });
    return { id: review.id };
  });
}
