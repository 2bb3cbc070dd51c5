import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import type { RuleWarning } from "../../domain/rules";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { meetingWarnings, noticeDateOf, requireMattersOf } from "./meetingChecks";
import { newShortCode } from "./shortCode";

export const meetingFields = {
  number: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(120),
  startsAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1).max(120),
  form: z.enum(["in_person", "online", "hybrid"]),
  noticeDate: z.iso.date().nullable(),
  convenerBasis: z.enum(["regular", "petition"]),
  /** How many signed the petition (提议人数); recorded in the log and checked against the law's threshold. */
  petitioners: z.number().int().min(1).max(100_000).nullable(),
  isPublic: z.boolean(),
};

const schema = z
  .strictObject({
    bodyId: z.string().min(1),
    ...meetingFields,
    form: meetingFields.form.default("in_person"),
    noticeDate: meetingFields.noticeDate.optional(),
    convenerBasis: meetingFields.convenerBasis.default("regular"),
    petitioners: meetingFields.petitioners.optional(),
    isPublic: meetingFields.isPublic.default(true),
    agenda: z
      .array(z.strictObject({ title: z.string().trim().min(1).max(200), matterId: z.string().min(1).optional() }))
      .max(50)
      .default([]),
  })
  .refine((m) => m.convenerBasis !== "petition" || typeof m.petitioners === "number", {
    message: "请填写提议人数 (number of petitioners)",
    path: ["petitioners"],
  });

/** Schedules a meeting of a body. Warnings (notice period, petition threshold) are returned, never blocking. */
export function scheduleMeeting(input: unknown, actor: Actor): Promise<{ id: string; warnings: RuleWarning[] }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const body = await tx.body.findUnique({ where: { id: data.bodyId }, select: { id: true, orgId: true, kind: true } });
    if (!body) throw new AppError("not_found", "body not found", { field: "bodyId" });
    const auditActor = await requireOrgRole(tx, actor, body.orgId, ["admin"]);
    await requireMattersOf(
      tx,
      body.orgId,
      data.agenda.map((item) => item.matterId),
    );
    const startsAt = new Date(data.startsAt);
    const noticeDate = noticeDateOf(data.noticeDate);
    const warnings = await meetingWarnings(tx, body, { startsAt, noticeDate, convenerBasis: data.convenerBasis, petitioners: data.petitioners });
    const agenda = data.agenda.map((item, index) => ({ position: index + 1, title: item.title, matterId: item.matterId ?? null }));
    const meeting = await tx.meeting.create({
      data: {
        orgId: body.orgId,
        bodyId: data.bodyId,
        shortCode: newShortCode(),
        number: data.number,
        title: data.title,
        startsAt,
        place: data.place,
        form: data.form,
        noticeDate,
        convenerBasis: data.convenerBasis,
        petitioners: data.convenerBasis === "petition" ? (data.petitioners ?? null) : null,
        isPublic: data.isPublic,
        agenda: { create: agenda },
      },
    });
    await appendAudit(tx, {
      orgId: body.orgId,
      meetingId: meeting.id,
      actor: auditActor,
      action: "meeting.scheduled",
      object: { type: "meeting", id: meeting.id },
      data: {
        bodyId: data.bodyId,
        number: data.number,
        title: data.title,
        startsAt: data.startsAt,
        place: data.place,
        form: data.form,
        noticeDate: data.noticeDate ?? null,
        convenerBasis: data.convenerBasis,
        petitioners: data.petitioners ?? null,
        isPublic: data.isPublic,
        agenda,
        warnings: warnings.map((w) => w.code),
      },
    });
    return { id: meeting.id, warnings };
  });
}
