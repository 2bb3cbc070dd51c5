import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireInSession, requireLiveRole } from "./context";

/** Without itemId: the next item after the current one (下一议题). */
const schema = z.strictObject({ meetingId: z.string().min(1), itemId: z.string().min(1).optional() });

export function startItem(input: unknown, actor: Actor): Promise<{ version: number; itemId: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    requireInSession(ctx);
    const open = await tx.motion.count({ where: { meetingId: ctx.meeting.id, state: "open" } });
    if (open > 0) throw new AppError("conflict", "close the open vote first", { field: "motions" });
    const items = await tx.agendaItem.findMany({
      where: { meetingId: ctx.meeting.id },
      orderBy: { position: "asc" },
      select: { id: true, position: true, title: true },
    });
    const currentIndex = items.findIndex((i) => i.id === ctx.meeting.currentItemId);
    const item = data.itemId ? items.find((i) => i.id === data.itemId) : items[currentIndex + 1];
    if (!item)
      throw new AppError(data.itemId ? "not_found" : "conflict", data.itemId ? "agenda item not found" : "no further agenda item", { field: "itemId" });
    const now = new Date();
    await tx.meeting.update({ where: { id: ctx.meeting.id }, data: { currentItemId: item.id } });
    await tx.agendaItem.update({ where: { id: item.id }, data: { startedAt: now } });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "agenda.item.started",
      object: { type: "agenda_item", id: item.id },
      data: { position: item.position, title: item.title },
      now,
    });
    afterCommit(tx, { type: "meeting.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id), itemId: item.id };
  });
}
