import { z } from "zod";
import { appendAudit } from "../../audit/append";
import type { JsonObject } from "../../audit/canonical";
import { requireOrgRole } from "../../auth/permissions";
import type { RuleWarning } from "../../domain/rules";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { meetingWarnings, noticeDateOf, requireNotStarted } from "./meetingChecks";
import { meetingFields } from "./scheduleMeeting";

const schema = z.strictObject({
  meetingId: z.string().min(1),
  number: meetingFields.number.optional(),
  title: meetingFields.title.optional(),
  startsAt: meetingFields.startsAt.optional(),
  place: meetingFields.place.optional(),
  form: meetingFields.form.optional(),
  noticeDate: meetingFields.noticeDate.optional(),
  convenerBasis: meetingFields.convenerBasis.optional(),
  petitioners: meetingFields.petitioners.optional(),
  isPublic: meetingFields.isPublic.optional(),
});

/** Changes a scheduled meeting's details (time, place, notice …) before it opens; the log keeps what changed. */
export function updateMeeting(input: unknown, actor: Actor): Promise<{ id: string; warnings: RuleWarning[] }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const meeting = await tx.meeting.findUnique({ where: { id: data.meetingId }, include: { body: { select: { id: true, orgId: true, kind: true } } } });
    if (!meeting) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
    const auditActor = await requireOrgRole(tx, actor, meeting.orgId, ["admin"]);
    requireNotStarted(meeting.state);
    const { meetingId, petitioners, ...fields } = data;
    const next = {
      ...fields,
      startsAt: fields.startsAt === undefined ? undefined : new Date(fields.startsAt),
      noticeDate: fields.noticeDate === undefined ? undefined : noticeDateOf(fields.noticeDate),
    };
    const convenerBasis = next.convenerBasis ?? meeting.convenerBasis;
    if (fields.convenerBasis === "petition" && meeting.convenerBasis !== "petition" && typeof petitioners !== "number") {
      throw new AppError("invalid_input", "请填写提议人数 (number of petitioners)", { field: "petitioners" });
    }
    const startsAt = next.startsAt ?? meeting.startsAt;
    const noticeDate = next.noticeDate === undefined ? meeting.noticeDate : next.noticeDate;
    // A regular meeting has no petition; a petition keeps its count until a new one is given.
    const petitionCount = convenerBasis === "petition" ? (typeof petitioners === "number" ? petitioners : meeting.petitioners) : null;
    const warnings = await meetingWarnings(tx, meeting.body, { startsAt, noticeDate, convenerBasis, petitioners: petitionCount });
    const changed: JsonObject = {};
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) changed[key] = value;
    if (petitioners !== undefined) changed.petitioners = petitioners;
    await tx.meeting.update({ where: { id: meetingId }, data: { ...next, petitioners: petitionCount, version: { increment: 1 } } });
    await appendAudit(tx, {
      orgId: meeting.orgId,
      meetingId,
      actor: auditActor,
      action: "meeting.updated",
      object: { type: "meeting", id: meetingId },
      data: { ...changed, warnings: warnings.map((w) => w.code) },
    });
    return { id: meetingId, warnings };
  });
}
