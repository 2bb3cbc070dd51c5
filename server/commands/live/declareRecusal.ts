import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireLiveRole } from "./context";

const schema = z.strictObject({
  meetingId: z.string().min(1),
  itemId: z.string().min(1),
  reason: z.string().trim().min(2, "请写明回避理由 (give the reason)").max(300),
});

/**
 * A member declares a conflict of interest on an item (回避) before its vote opens; they are then left out of it.
 * After the vote has opened it is refused as recusal_too_late, with words saying what to do instead.
 */
export function declareRecusal(input: unknown, actor: Actor): Promise<{ version: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor, personId } = await requireLiveRole(tx, actor, ctx, ["member"]);
    if (!personId) throw new AppError("forbidden", "not a member of this body");
    if (!["scheduled", "in_session"].includes(ctx.meeting.state)) throw new AppError("conflict", "the meeting is over", { field: "state" });
    const item = await tx.agendaItem.findUnique({ where: { id: data.itemId }, select: { meetingId: true } });
    if (item?.meetingId !== ctx.meeting.id) throw new AppError("not_found", "agenda item not found", { field: "itemId" });
    // Refused once a vote on the item has opened (README.md, "Recusal (回避) and an open vote"): the voters,
    // the base and the number needed were frozen and announced at opening, and changing them mid-vote would change
    // the rule some members have already voted under. The member keeps their vote and is told to abstain from it.
    const opened = await tx.motion.findFirst({ where: { itemId: data.itemId, state: { not: "draft" } }, select: { id: true, state: true } });
    if (opened) {
      throw new AppError("recusal_too_late", "the vote on this item has already opened; recusal is recorded only before it opens", {
        field: "itemId",
        details: { motionId: opened.id, motionState: opened.state },
      });
    }
    const existing = await tx.recusal.findUnique({ where: { itemId_personId: { itemId: data.itemId, personId } } });
    if (existing) return { version: ctx.meeting.version };
    await tx.recusal.create({ data: { itemId: data.itemId, personId, reason: data.reason } });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "recusal.declared",
      object: { type: "agenda_item", id: data.itemId },
      data: { personId, reason: data.reason },
    });
    afterCommit(tx, { type: "meeting.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id) };
  });
}
