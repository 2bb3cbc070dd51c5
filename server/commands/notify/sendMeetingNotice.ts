import { z } from "zod";
import { type AppendInput, appendAuditMany } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import { activeProviders } from "../../notify/active";
import { enabledChannels } from "../../notify/providers";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { noticeMeeting, requireBeforeMeeting } from "./noticeMeeting";

const schema = z.strictObject({
  meetingId: z.string().min(1),
  /** Paper is not sent: the clerk prints the notice and the 签收单 and ticks the signatures (recordPaperReceipts). */
  channels: z.array(z.enum(["in_app", "sms", "wecom"])).min(1, "请至少选择一种通知方式 (choose at least one channel)"),
});

export type SendResult = { issued: number; queued: number; requeued: number; unreachable: number };

/**
 * Issues the meeting notice to every roster member through each chosen channel: in the app at once (the member's
 * 我的会议), by SMS and the WeCom group through the outbox after commit. One row and one audit entry per member and
 * channel. Sending again re-queues only what failed; a member already reached is not sent twice.
 */
export function sendMeetingNotice(input: unknown, actor: Actor, now: Date = new Date()): Promise<SendResult> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const meeting = await noticeMeeting(tx, data.meetingId);
    const auditActor = await requireOrgRole(tx, actor, meeting.orgId, ["admin"]);
    requireBeforeMeeting(meeting.state);
    const enabled = enabledChannels(activeProviders());
    const off = data.channels.find((channel) => !enabled.includes(channel));
    if (off) throw new AppError("invalid_input", `channel ${off} is not configured`, { field: "channels", details: { reason: "channel_off" } });
    if (meeting.roster.length === 0) throw new AppError("conflict", "the body has no members", { field: "meetingId", details: { reason: "no_members" } });
    const existing = await tx.noticeDelivery.findMany({ where: { meetingId: meeting.id }, select: { id: true, personId: true, channel: true, status: true } });
    const result: SendResult = { issued: 0, queued: 0, requeued: 0, unreachable: 0 };
    const audit: AppendInput[] = [];
    const entry = (action: AppendInput["action"], personId: string, channel: string, extra: Record<string, string | number> = {}): AppendInput => ({
      orgId: meeting.orgId,
      meetingId: meeting.id,
      actor: auditActor,
      action,
      object: { type: "person", id: personId },
      data: { channel, ...extra },
      now,
    });
    for (const channel of [...new Set(data.channels)]) {
      for (const member of meeting.roster) {
        const row = existing.find((r) => r.personId === member.personId && r.channel === channel);
        if (row && row.status !== "failed") continue;
        const reachable = channel === "in_app" || member.phone !== null;
        if (row) {
          if (!reachable) continue;
          await tx.noticeDelivery.update({ where: { id: row.id }, data: { status: "queued", nextAttemptAt: now, lastError: null } });
          audit.push(entry("notice.queued", member.personId, channel, { resend: 1 }));
          result.requeued += 1;
          continue;
        }
        const base = { orgId: meeting.orgId, meetingId: meeting.id, personId: member.personId, channel };
        if (channel === "in_app") {
          // Delivered when this commits: the notice is on the member's 我的会议 page from then on.
          await tx.noticeDelivery.create({ data: { ...base, status: "sent", attempts: 1, sentAt: now } });
          audit.push(entry("notice.issued", member.personId, channel));
          result.issued += 1;
        } else if (!reachable) {
          await tx.noticeDelivery.create({ data: { ...base, status: "failed", lastError: "no phone number" } });
          audit.push(entry("notice.delivery_failed", member.personId, channel, { error: "no phone number" }));
          result.unreachable += 1;
        } else {
          await tx.noticeDelivery.create({ data: { ...base, status: "queued", nextAttemptAt: now } });
          audit.push(entry("notice.queued", member.personId, channel));
          result.queued += 1;
        }
      }
    }
    await appendAuditMany(tx, audit);
    // SMS and WeCom rows leave through the outbox once this commits (server/listeners/outbox.ts).
    if (result.queued + result.requeued > 0) afterCommit(tx, { type: "notice.queued", orgId: meeting.orgId, meetingId: meeting.id });
    return result;
  });
}
