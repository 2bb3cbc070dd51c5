import { type AuditActor, appendAudit } from "../../audit/append";
import { type AttendanceRecord, type QuorumStatus, quorumData, quorumOf } from "../../domain/meeting";
import type { Tx } from "../run";
import type { MeetingContext } from "./context";

/** Writes `quorum.checked` when an attendance change moves the meeting across its quorum, either way. */
export async function auditQuorumChange(tx: Tx, ctx: MeetingContext, after: AttendanceRecord[], auditActor: AuditActor): Promise<QuorumStatus> {
  const before = quorumOf(ctx);
  const now = quorumOf(ctx, after);
  if (before.quorumMet !== now.quorumMet) {
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "quorum.checked",
      object: { type: "meeting", id: ctx.meeting.id },
      data: quorumData(now),
    });
  }
  return now;
}
