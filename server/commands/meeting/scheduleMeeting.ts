import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { newShortCode } from "./shortCode";

const schema = z.strictObject({
  bodyId: z.string().min(1),
  number: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(120),
  startsAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1).max(120),
  form: z.enum(["in_person", "online", "hybrid"]).default("in_person"),
  noticeDate: z.iso.date().optional(),
  convenerBasis: z.enum(["regular", "petition"]).default("regular"),
  isPublic: z.boolean().default(true),
  agenda: z.array(z.strictObject({ title: z.string().trim().min(1).max(200), matterId: z.string().min(1).optional() })).max(50).default([]),
});

export function scheduleMeeting(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const body = await tx.body.findUnique({ where: { id: data.bodyId }, select: { orgId: true } });
    if (!body) throw new AppError("not_found", "body not found", { field: "bodyId" });
    const auditActor = await requireOrgRole(tx, actor, body.orgId, ["admin"]);
    const meeting = await tx.meeting.create({
      data: {
        orgId: body.orgId,
        bodyId: data.bodyId,
        shortCode: newShortCode(),
        number: data.number,
        title: data.title,
        startsAt: new Date(data.startsAt),
        place: data.place,
        form: data.form,
        noticeDate: data.noticeDate ? new Date(`${data.noticeDate}T00:00:00+08:00`) : null,
        convenerBasis: data.convenerBasis,
        isPublic: data.isPublic,
        agenda: { create: data.agenda.map((item, index) => ({ position: index + 1, title: item.title, matterId: item.matterId ?? null })) },
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
        isPublic: data.isPublic,
        agenda: data.agenda.map((item, index) => ({ position: index + 1, title: item.title, matterId: item.matterId ?? null })),
      },
    });
    return { id: meeting.id };
  });
}
