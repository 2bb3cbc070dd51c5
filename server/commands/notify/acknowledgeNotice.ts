import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireBodyRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { noticeMeeting, requireBeforeMeeting, rosterPersonOf } from "./noticeMeeting";

const schema = z.strictObject({ meetingId: z.string().min(1) });

/**
 * A member signs for the notice in the app (签收). Signing twice changes nothing and says so; signing before any
 * notice was issued is refused — there is nothing to sign for yet.
 */
export function acknowledgeNotice(input: unknown, actor: Actor, now: Date = new Date()): Promise<{ receivedAt: Date; already: boolean }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    if (actor.kind !== "account") throw new AppError("forbidden", "members only");
    const meeting = await noticeMeeting(tx, data.meetingId);
    const auditActor = await requireBodyRole(tx, actor, meeting.bodyId, ["member"]).catch(() => {
      throw new AppError("forbidden", "only members of this body", { details: { reason: "not_member" } });
    });
    const personId = await rosterPersonOf(tx, actor.accountId, meeting);
    requireBeforeMeeting(meeting.state);
    const row = await tx.noticeDelivery.findUnique({ where: { meetingId_personId_channel: { meetingId: meeting.id, personId, channel: "in_app" } } });
    if (!row) throw new AppError("conflict", "no notice has been issued yet", { field: "meetingId", details: { reason: "not_issued" } });
    if (row.status === "received" && row.receivedAt) return { receivedAt: row.receivedAt, already: true };
    await tx.noticeDelivery.update({ where: { id: row.id }, data: { status: "received", receivedAt: now, sentAt: row.sentAt ?? now } });
    await appendAudit(tx, {
      orgId: meeting.orgId, meetingId: meeting.id, actor: auditActor, action: "notice.received",
      object: { type: "person", id: personId }, data: { channel: "in_app" }, now,
    });
    return { receivedAt: now, already: false };
  });
}
