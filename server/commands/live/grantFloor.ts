import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { finishSpeech, grantFloor as grantInQueue } from "../../domain/meeting";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireInSession, requireLiveRole } from "./context";
import { DEFAULT_SPEECH_SECONDS, loadQueue } from "./speakersQueue";

const schema = z.discriminatedUnion("action", [
  z.strictObject({
    meetingId: z.string().min(1),
    action: z.literal("grant"),
    personId: z.string().min(1),
    limitSeconds: z.number().int().min(30).max(3600).optional(),
  }),
  z.strictObject({ meetingId: z.string().min(1), action: z.literal("finish") }),
]);

/** The chair gives the floor to a member who asked for it (with a time limit), or ends the current speech. */
export function grantFloor(input: unknown, actor: Actor): Promise<{ version: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    requireInSession(ctx);
    const { itemId, queue } = await loadQueue(tx, ctx);
    const now = new Date();
    if (data.action === "finish") {
      finishSpeech(queue, now);
      await tx.speakerRequest.updateMany({ where: { itemId, grantedAt: { not: null }, finishedAt: null, withdrawnAt: null }, data: { finishedAt: now } });
      afterCommit(tx, { type: "meeting.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
      return { version: await bumpVersion(tx, ctx.meeting.id) };
    }
    grantInQueue(queue, data.personId, now);
    const limitSeconds = data.limitSeconds ?? DEFAULT_SPEECH_SECONDS;
    await tx.speakerRequest.updateMany({
      where: { itemId, personId: data.personId, grantedAt: null, withdrawnAt: null },
      data: { grantedAt: now, limitSeconds },
    });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "speaker.granted",
      object: { type: "agenda_item", id: itemId },
      data: { personId: data.personId, limitSeconds },
      now,
    });
    afterCommit(tx, { type: "meeting.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id) };
  });
}
