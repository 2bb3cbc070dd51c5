import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { memberBeforeMeeting } from "./noticeMeeting";

const schema = z.strictObject({ meetingId: z.string().min(1) });

/**
 * A member signs for the notice in the app (签收). Signing twice changes nothing and says so; signing before any
 * notice was issued is refused — there is nothing to sign for yet.
 */
export function acknowledgeNotice(input: unknown, actor: Actor, now: Date = new Date()): Promise<{ receivedAt: Date; already: boolean }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const { meeting, auditActor, personId } = await memberBeforeMeeting(tx, actor, data.meetingId);
    const row = await tx.noticeDelivery.findUnique({ where: { meetingId_personId_channel: { meetingId: meeting.id, personId, channel: "in_app" } } });
    if (!row) throw new AppError("conflict", "no notice has been issued yet", { field: "meetingId", details: { reason: "not_issued" } });
    if (row.status === "received" && row.receivedAt) return { receivedAt: row.receivedAt, already: true };
    await tx.noticeDelivery.update({ where: { id: row.id }, data: { status: "received", receivedAt: now, sentAt: row.sentAt ?? now } });
    await appendAudit(tx, {
      orgId: meeting.orgId,
      meetingId: meeting.id,
      actor: auditActor,
      action: "notice.received",
      object: { type: "person", id: personId },
      data: { channel: "in_app" },
      now,
    });
    return { receivedAt: now, already: false };
  });
}
