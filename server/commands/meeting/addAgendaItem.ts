import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { requireMattersOf, requireNotStarted } from "./meetingChecks";

const schema = z.strictObject({
  meetingId: z.string().min(1),
  title: z.string().trim().min(1).max(200),
  matterId: z.string().min(1).nullable().optional(),
});

/** Adds an item at the end of a scheduled meeting's agenda, tied to a matter where it has one. */
export function addAgendaItem(input: unknown, actor: Actor): Promise<{ id: string; position: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const meeting = await tx.meeting.findUnique({ where: { id: data.meetingId }, select: { orgId: true, state: true } });
    if (!meeting) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
    const auditActor = await requireOrgRole(tx, actor, meeting.orgId, ["admin"]);
    requireNotStarted(meeting.state);
    await requireMattersOf(tx, meeting.orgId, [data.matterId]);
    const last = await tx.agendaItem.findFirst({ where: { meetingId: data.meetingId }, orderBy: { position: "desc" }, select: { position: true } });
    const position = (last?.position ?? 0) + 1;
    const item = await tx.agendaItem.create({ data: { meetingId: data.meetingId, position, title: data.title, matterId: data.matterId ?? null } });
    await tx.meeting.update({ where: { id: data.meetingId }, data: { version: { increment: 1 } } });
    await appendAudit(tx, {
      orgId: meeting.orgId,
      meetingId: data.meetingId,
      actor: auditActor,
      action: "agenda.item.added",
      object: { type: "agenda_item", id: item.id },
      data: { position, title: item.title, matterId: item.matterId },
    });
    return { id: item.id, position };
  });
}
