import { z } from "zod";
import { requireOrgRole } from "../../auth/permissions";
import { loadMotionRecord } from "../../db/load/decisionRecord";
import { decidesMatter } from "../../domain/meeting";
import { AppError } from "../../errors";
import { CORRECTION_REASON_MAX, requireText } from "../../notice/text";
import type { Actor } from "../actor";
import { certifyDecision } from "../matter/certifyDecision";
import { recordMatterMove } from "../matter/recordMatterMove";
import { runCommand } from "../run";
import { lockMatter } from "./publisher";

const schema = z.strictObject({
  matterId: z.string().min(1).max(64),
  motionId: z.string().min(1).max(64),
  /** Why the vote is recorded on the matter after the fact (and, from S0, where the earlier stages are recorded). */
  reason: z.string().max(CORRECTION_REASON_MAX * 4),
});

/**
 * Records a decision vote on a matter after the fact: the vote was held and announced (in Yishi) on an agenda item
 * that was not tied to the matter, because the matter was entered later — typically where 提议、商议、审议 (S1–S3)
 * were held and recorded on paper before the village used Yishi. Ties the item to the matter and, for a matter at
 * S0, records its move to S4 on that vote with the reason, naming the stages held off the record. The pipeline's
 * own moves (server/domain/matter) never skip a voting stage; this admin's statement on the record is the only
 * way past them, and the log says so.
 *
 * Only a passed, competent vote of a body that decides the matter, counted under the matter's own kind, qualifies.
 */
export function linkDecisionVote(input: unknown, actor: Actor): Promise<{ matterId: string; motionId: string; stage: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    await lockMatter(tx, data.matterId);
    const matter = await tx.matter.findUnique({ where: { id: data.matterId }, select: { id: true, orgId: true, kind: true, stage: true } });
    if (!matter) throw new AppError("not_found", "matter not found", { field: "matterId" });
    const auditActor = await requireOrgRole(tx, actor, matter.orgId, ["admin"]);
    const reason = requireText(data.reason, "reason", CORRECTION_REASON_MAX, { noPersonalNumbers: true });
    const record = await loadMotionRecord(tx, data.motionId);
    if (!record || record.orgId !== matter.orgId) {
      throw new AppError("conflict", "that vote is not a passed, announced decision of this organization", {
        field: "motionId",
        details: { reason: "no_decision" },
      });
    }
    if (record.itemMatterId !== null && record.itemMatterId !== matter.id) {
      throw new AppError("conflict", "that vote's agenda item belongs to another matter", { field: "motionId", details: { reason: "other_matter" } });
    }
    if (!decidesMatter(record.body.kind, matter.kind)) {
      throw new AppError("conflict", `a ${record.body.kind} does not decide a ${matter.kind} matter`, {
        field: "motionId",
        details: { reason: "not_decider" },
      });
    }
    if (record.motion.matterKind !== matter.kind) {
      // The thresholds applied at the vote were those of the motion's kind; a stricter matter needs its own vote.
      throw new AppError("conflict", `the vote was counted as ${record.motion.matterKind}, the matter is ${matter.kind}`, {
        field: "motionId",
        details: { reason: "kind_mismatch" },
      });
    }
    if (matter.stage !== "raised" && matter.stage !== "decision") {
      throw new AppError("conflict", `a matter at stage ${matter.stage} takes no decision vote now`, {
        field: "matterId",
        details: { reason: "stage", stage: matter.stage },
      });
    }
    if (record.itemMatterId === matter.id && matter.stage === "decision") {
      throw new AppError("conflict", "that vote is already recorded on this matter", { field: "motionId", details: { reason: "already_linked" } });
    }
    if (record.itemMatterId === null) await tx.agendaItem.update({ where: { id: record.itemId }, data: { matterId: matter.id } });
    const offRecord = matter.stage === "raised" ? ["proposal", "consultation", "review"] : [];
    await recordMatterMove(tx, {
      matter,
      from: matter.stage,
      to: "decision",
      meetingId: record.meeting.id,
      motionId: record.motion.id,
      reason,
      actor: auditActor,
      actorId: actor.kind === "account" ? actor.accountId : null,
      audit: { data: { meetingId: record.meeting.id, motionId: record.motion.id, itemId: record.itemId, reason, offRecord, manual: true } },
    });
    // The decision, now on its matter, gets its certificate (issue #23) as one announced on it would have.
    await certifyDecision(tx, { matterId: matter.id, motionId: record.motion.id, actor: auditActor, now: new Date() });
    return { matterId: matter.id, motionId: record.motion.id, stage: "decision" };
  });
}
