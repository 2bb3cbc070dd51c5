import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { requireNotStarted } from "./meetingChecks";

const schema = z.strictObject({ itemId: z.string().min(1) });

/** Removes an agenda item before the meeting opens; the items after it move up one place. */
export function removeAgendaItem(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const item = await tx.agendaItem.findUnique({ where: { id: data.itemId }, include: { meeting: { select: { orgId: true, state: true } } } });
    if (!item) throw new AppError("not_found", "agenda item not found", { field: "itemId" });
    const auditActor = await requireOrgRole(tx, actor, item.meeting.orgId, ["admin"]);
    requireNotStarted(item.meeting.state);
    if ((await tx.motion.count({ where: { itemId: item.id } })) > 0) {
      throw new AppError("conflict", "this item already has a motion", { field: "itemId" });
    }
    await tx.agendaItem.delete({ where: { id: item.id } });
    // Ascending, one at a time: each position it moves into is already free, so (meeting, position) stays unique.
    const later = await tx.agendaItem.findMany({ where: { meetingId: item.meetingId, position: { gt: item.position } }, orderBy: { position: "asc" } });
    for (const next of later) await tx.agendaItem.update({ where: { id: next.id }, data: { position: next.position - 1 } });
    await tx.meeting.update({ where: { id: item.meetingId }, data: { version: { increment: 1 } } });
    await appendAudit(tx, {
      orgId: item.meeting.orgId,
      meetingId: item.meetingId,
      actor: auditActor,
      action: "agenda.item.removed",
      object: { type: "agenda_item", id: item.id },
      data: { position: item.position, title: item.title },
    });
    return { id: item.id };
  });
}
