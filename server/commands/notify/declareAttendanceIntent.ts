import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { ONLINE_ATTENDANCE } from "../../domain/meeting/forecast";
import { bodyKindOf } from "../../domain/rules";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { memberBeforeMeeting } from "./noticeMeeting";

const schema = z
  .strictObject({
    meetingId: z.string().min(1),
    kind: z.enum(["leave", "online", "in_person"]),
    reason: z.string().trim().max(200, "请假理由不超过200字 (at most 200 characters)").optional(),
  })
  .refine((v) => v.kind !== "leave" || (v.reason ?? "") !== "", { message: "请写明请假理由 (a reason for leave is required)", path: ["reason"] });

/**
 * A member says before the meeting that they ask for leave (请假, with a reason), will attend online (线上参会), or
 * will come after all. Online attendance is accepted only where it counts as present (RCEOL 27 for a 成员大会) and
 * the meeting is held online or hybrid; elsewhere the member is told why.
 */
export function declareAttendanceIntent(input: unknown, actor: Actor, now: Date = new Date()): Promise<{ kind: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const { meeting, auditActor, personId } = await memberBeforeMeeting(tx, actor, data.meetingId);
    if (data.kind === "online") {
      const rule = ONLINE_ATTENDANCE[bodyKindOf(meeting.bodyKind)];
      if (!rule)
        throw new AppError("invalid_input", "online attendance does not count at this body", { field: "kind", details: { reason: "online_not_counted" } });
      if (meeting.form === "in_person")
        throw new AppError("invalid_input", "this meeting is held in person only", { field: "kind", details: { reason: "in_person_only" } });
    }
    const reason = data.kind === "leave" ? (data.reason ?? null) : null;
    const key = { meetingId: meeting.id, personId };
    await tx.attendanceIntent.upsert({
      where: { meetingId_personId: key },
      create: { ...key, orgId: meeting.orgId, kind: data.kind, reason, updatedAt: now },
      update: { kind: data.kind, reason, updatedAt: now },
    });
    const rule = data.kind === "online" ? ONLINE_ATTENDANCE[bodyKindOf(meeting.bodyKind)] : undefined;
    await appendAudit(tx, {
      orgId: meeting.orgId,
      meetingId: meeting.id,
      actor: auditActor,
      action: "attendance.intent",
      object: { type: "person", id: personId },
      data: { kind: data.kind, reason, ...(rule ? { legalBasis: rule } : {}) },
      now,
    });
    return { kind: data.kind };
  });
}
