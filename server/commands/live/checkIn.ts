import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { withRecord } from "../../domain/meeting";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireInSession, requireLiveRole } from "./context";
import { auditQuorumChange } from "./quorumChange";

const schema = z.strictObject({
  meetingId: z.string().min(1),
  /** qr: scanned the projector's code; self: tapped 签到. */
  method: z.enum(["self", "qr"]).default("self"),
  online: z.boolean().default(false),
});

/** A member checks in (签到) on their phone. Checking in twice changes nothing. */
export function checkIn(input: unknown, actor: Actor): Promise<{ version: number; status: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor, personId } = await requireLiveRole(tx, actor, ctx, ["member"]);
    if (!personId) throw new AppError("forbidden", "not a member of this body");
    if (ctx.meeting.state !== "in_session" && ctx.meeting.state !== "scheduled") requireInSession(ctx);
    const status = data.online ? "present_online" : "present_in_person";
    const current = ctx.attendance.find((r) => r.personId === personId);
    if (current?.status === status) return { version: ctx.meeting.version, status };
    await tx.attendance.upsert({
      where: { meetingId_personId: { meetingId: ctx.meeting.id, personId } },
      create: { meetingId: ctx.meeting.id, personId, status, method: data.method },
      update: { status, method: data.method, proxyHolderId: null, authorizationNote: null, recordedAt: new Date() },
    });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "attendance.recorded",
      object: { type: "person", id: personId },
      data: { status, method: data.method },
    });
    await auditQuorumChange(tx, ctx, withRecord(ctx.attendance, { personId, status }), auditActor);
    afterCommit(tx, { type: "attendance.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id), status };
  });
}
