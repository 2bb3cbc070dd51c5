import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireTownshipRoleOver } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z
  .strictObject({
    preReviewId: z.string().min(1),
    decision: z.enum(["approve", "return"]),
    /** 退回理由: required when returning, so the village knows what to change. */
    reasons: z.string().trim().max(2_000).default(""),
    /** The reviewer's title as the meeting and the minutes show it (e.g. 镇农业农村办副主任). */
    title: z.string().trim().min(1).max(60).default("镇街工作人员"),
  })
  .refine((d) => d.decision === "approve" || d.reasons.length > 0, { message: "退回须写明理由 (a return needs reasons)", path: ["reasons"] });

/**
 * A township reviewer (镇街工作人员) approves a matter's proposal in pre-review, or returns it with reasons (issue
 * #20). The decision is an entry of the village's log; a returned matter cannot be put to its 决议 vote until a new
 * request is approved. The township never edits the matter itself.
 */
export function decidePreReview(input: unknown, actor: Actor): Promise<{ id: string; state: "approved" | "returned" }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const found = await tx.preReview.findUnique({ where: { id: data.preReviewId }, select: { orgId: true } });
    if (!found) throw new AppError("not_found", "pre-review not found", { field: "preReviewId" });
    const auditActor = await requireTownshipRoleOver(tx, actor, found.orgId, ["reviewer"]);
    const review = await tx.preReview.findUniqueOrThrow({ where: { id: data.preReviewId }, select: { id: true, matterId: true, orgId: true, state: true } });
    if (review.state !== "requested") throw new AppError("conflict", "this pre-review was already decided", { field: "preReviewId" });
    const state = data.decision === "approve" ? "approved" : "returned";
    const now = new Date();
    const reviewerName = actor.kind === "account" ? actor.name : "system";
    const updated = await tx.preReview.updateMany({
      where: { id: review.id, state: "requested" },
      data: {
        state,
        decidedAt: now,
        reviewerId: actor.kind === "account" ? actor.accountId : null,
        reviewerName,
        reviewerTitle: data.title,
        reasons: data.reasons || null,
      },
    });
    if (updated.count !== 1) throw new AppError("conflict", "this pre-review was already decided", { field: "preReviewId" });
    await appendAudit(tx, {
      orgId: review.orgId,
      actor: auditActor,
      action: state === "approved" ? "prereview.approved" : "prereview.returned",
      object: { type: "matter", id: review.matterId },
      data: { preReview: review.id, reviewer: reviewerName, title: data.title, reasons: data.reasons || null },
      now,
    });
    return { id: review.id, state };
  });
}
