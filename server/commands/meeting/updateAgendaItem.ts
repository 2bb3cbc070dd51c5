import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { requireMattersOf, requireNotStarted } from "./meetingChecks";

const schema = z.strictObject({
  itemId: z.string().min(1),
  title: z.string().trim().min(1).max(200).optional(),
  matterId: z.string().min(1).nullable().optional(),
});

/** Renames an agenda item or ties it to (or unties it from) a matter, before the meeting opens. */
export function updateAgendaItem(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const item = await tx.agendaItem.findUnique({ where: { id: data.itemId }, include: { meeting: { select: { orgId: true, state: true } } } });
    if (!item) throw new AppError("not_found", "agenda item not found", { field: "itemId" });
    const auditActor = await requireOrgRole(tx, actor, item.meeting.orgId, ["admin"]);
    requireNotStarted(item.meeting.state);
    await requireMattersOf(tx, item.meeting.orgId, [data.matterId]);
    const title = data.title ?? item.title;
    const matterId = data.matterId === undefined ? item.matterId : data.matterId;
    await tx.agendaItem.update({ where: { id: item.id }, data: { title, matterId } });
    await tx.meeting.update({ where: { id: item.meetingId }, data: { version: { increment: 1 } } });
    await appendAudit(tx, {
      orgId: item.meeting.orgId,
      meetingId: item.meetingId,
      actor: auditActor,
      action: "agenda.item.updated",
      object: { type: "agenda_item", id: item.id },
      data: { position: item.position, title, matterId },
    });
    return { id: item.id };
  });
}
