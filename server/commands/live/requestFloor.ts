import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requestFloor as requestInQueue, withdrawRequest } from "../../domain/meeting";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireInSession, requireLiveRole } from "./context";
import { loadQueue } from "./speakersQueue";

const schema = z.strictObject({ meetingId: z.string().min(1), withdraw: z.boolean().default(false) });

/** A member asks for the floor (申请发言) on the current item, or withdraws the request. */
export function requestFloor(input: unknown, actor: Actor): Promise<{ version: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor, personId } = await requireLiveRole(tx, actor, ctx, ["member"]);
    if (!personId) throw new AppError("forbidden", "not a member of this body");
    requireInSession(ctx);
    const { itemId, queue } = await loadQueue(tx, ctx);
    const now = new Date();
    if (data.withdraw) {
      withdrawRequest(queue, personId, now);
      await tx.speakerRequest.updateMany({ where: { itemId, personId, grantedAt: null, withdrawnAt: null }, data: { withdrawnAt: now } });
    } else {
      requestInQueue(queue, personId, now);
      await tx.speakerRequest.create({ data: { itemId, personId, requestedAt: now } });
    }
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "speaker.requested",
      object: { type: "agenda_item", id: itemId },
      data: { personId, withdrawn: data.withdraw },
      now,
    });
    afterCommit(tx, { type: "meeting.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id) };
  });
}
