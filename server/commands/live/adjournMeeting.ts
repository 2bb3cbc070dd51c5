import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { nextMeetingState } from "../../domain/meeting";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireLiveRole } from "./context";

const schema = z.strictObject({ meetingId: z.string().min(1) });

/** The chair adjourns (散会). Refused while a vote is open or closed but not yet announced. */
export function adjournMeeting(input: unknown, actor: Actor): Promise<{ version: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    const state = nextMeetingState(ctx.meeting.state, "adjourn");
    const pending = await tx.motion.count({ where: { meetingId: ctx.meeting.id, state: { in: ["open", "closed"] } } });
    if (pending > 0) throw new AppError("conflict", "a vote is still open or not yet announced", { field: "motions" });
    const now = new Date();
    await tx.meeting.update({ where: { id: ctx.meeting.id }, data: { state, adjournedAt: now } });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "meeting.adjourned",
      object: { type: "meeting", id: ctx.meeting.id },
      data: { adjournedAt: now.toISOString() },
      now,
    });
    afterCommit(tx, { type: "meeting.adjourned", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id) };
  });
}
