import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { nextMeetingState } from "../../domain/meeting";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireLiveRole } from "./context";

const schema = z.strictObject({ meetingId: z.string().min(1) });

/** The chair opens the meeting (宣布开会): scheduled → in session. */
export function openMeeting(input: unknown, actor: Actor): Promise<{ version: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    const state = nextMeetingState(ctx.meeting.state, "open");
    const now = new Date();
    await tx.meeting.update({ where: { id: ctx.meeting.id }, data: { state, openedAt: now } });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "meeting.opened",
      object: { type: "meeting", id: ctx.meeting.id },
      data: { openedAt: now.toISOString() },
      now,
    });
    return { version: await bumpVersion(tx, ctx.meeting.id) };
  });
}
