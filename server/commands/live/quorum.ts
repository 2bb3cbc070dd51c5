import { appendAudit, type AuditActor } from "../../audit/append";
import { quorumStatus, summarizeAttendance, type AttendanceRecord, type QuorumStatus } from "../../domain/meeting";
import type { Tx } from "../run";
import type { MeetingContext } from "./context";

/** Quorum of the meeting for a given attendance, by the rules engine (persons; the household form where the body uses it). */
export function quorumOf(ctx: MeetingContext, attendance: AttendanceRecord[] = ctx.attendance): QuorumStatus {
  const summary = summarizeAttendance(ctx.roster, attendance, { bodyKind: ctx.body.kind });
  return quorumStatus(summary, ctx.body.kind, ctx.body.charter, "members", ctx.meeting.openedAt ?? ctx.meeting.startsAt);
}

/** Writes `quorum.checked` when an attendance change moves the meeting across its quorum, either way. */
export async function auditQuorumChange(
  tx: Tx,
  ctx: MeetingContext,
  after: AttendanceRecord[],
  auditActor: AuditActor,
): Promise<QuorumStatus> {
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

export function quorumData(status: QuorumStatus): { quorumMet: boolean; quorumRequired: number; basis: string; expected: number; present: number; legalBasis: string[] } {
  return {
    quorumMet: status.quorumMet,
    quorumRequired: status.quorumRequired,
    basis: status.basis,
    expected: status.expected,
    present: status.present,
    legalBasis: status.legalBasis,
  };
}

/** Replaces one member's record in an attendance list (a new list; the input is not changed). */
export function withRecord(attendance: AttendanceRecord[], record: AttendanceRecord): AttendanceRecord[] {
  return [...attendance.filter((r) => r.personId !== record.personId), record];
}
