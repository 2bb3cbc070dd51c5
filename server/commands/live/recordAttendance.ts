import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { type AttendanceRecord, validateProxy, withRecord } from "../../domain/meeting";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireLiveRole } from "./context";
import { auditQuorumChange } from "./quorumChange";

const schema = z.discriminatedUnion("status", [
  z.strictObject({ meetingId: z.string().min(1), personId: z.string().min(1), status: z.enum(["present_in_person", "present_online", "absent"]) }),
  z.strictObject({
    meetingId: z.string().min(1),
    personId: z.string().min(1),
    status: z.literal("proxy"),
    proxyHolderId: z.string().min(1),
    authorizationNote: z.string().trim().min(1, "写明书面委托 (note the written authorization)").max(500),
  }),
]);

/** The chair marks a roster member present, online, absent or represented by a written proxy (only where the law allows). */
export function recordAttendance(input: unknown, actor: Actor): Promise<{ version: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    if (!["scheduled", "in_session"].includes(ctx.meeting.state)) throw new AppError("conflict", "the meeting is not open for attendance", { field: "state" });
    const member = ctx.roster.find((m) => m.personId === data.personId);
    if (!member) throw new AppError("not_found", "not on this body's roster", { field: "personId" });
    let record: AttendanceRecord;
    if (data.status === "proxy") {
      const holder = await tx.person.findUnique({ where: { id: data.proxyHolderId }, select: { id: true, orgId: true, householdId: true, isAdult: true } });
      if (!holder || holder.orgId !== ctx.meeting.orgId) throw new AppError("not_found", "proxy holder not found", { field: "proxyHolderId" });
      // RCEOL 27: only a 成员大会, only a same-household adult, only in writing.
      validateProxy({
        bodyKind: ctx.body.kind,
        memberPersonId: member.personId,
        holderPersonId: holder.id,
        memberHouseholdId: member.householdId,
        holderHouseholdId: holder.householdId,
        holderIsAdult: holder.isAdult,
        authorizationNote: data.authorizationNote,
      });
      record = {
        personId: member.personId,
        status: "proxy",
        proxy: { holder: { personId: holder.id, householdId: holder.householdId, isAdult: holder.isAdult }, authorizationNote: data.authorizationNote },
      };
    } else {
      record = { personId: member.personId, status: data.status };
    }
    const proxyHolderId = data.status === "proxy" ? data.proxyHolderId : null;
    const authorizationNote = data.status === "proxy" ? data.authorizationNote : null;
    await tx.attendance.upsert({
      where: { meetingId_personId: { meetingId: ctx.meeting.id, personId: member.personId } },
      create: { meetingId: ctx.meeting.id, personId: member.personId, status: data.status, method: "chair", proxyHolderId, authorizationNote },
      update: { status: data.status, method: "chair", proxyHolderId, authorizationNote, recordedAt: new Date() },
    });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "attendance.recorded",
      object: { type: "person", id: member.personId },
      data: { status: data.status, method: "chair", proxyHolderId, authorizationNote },
    });
    await auditQuorumChange(tx, ctx, withRecord(ctx.attendance, record), auditActor);
    afterCommit(tx, { type: "attendance.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id) };
  });
}
