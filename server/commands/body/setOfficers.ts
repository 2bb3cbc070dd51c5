import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  bodyId: z.string().min(1),
  chairId: z.string().min(1).nullable(),
  recorderId: z.string().min(1).nullable(),
});

/** Names the chair (主持人) and the recorder (记录人) of a body. */
export function setOfficers(input: unknown, actor: Actor): Promise<{ bodyId: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const body = await tx.body.findUnique({ where: { id: data.bodyId }, select: { orgId: true } });
    if (!body) throw new AppError("not_found", "body not found", { field: "bodyId" });
    const auditActor = await requireOrgRole(tx, actor, body.orgId, ["admin"]);
    for (const [field, personId] of [
      ["chairId", data.chairId],
      ["recorderId", data.recorderId],
    ] as const) {
      if (!personId) continue;
      const person = await tx.person.findUnique({ where: { id: personId }, select: { orgId: true } });
      if (person?.orgId !== body.orgId) throw new AppError("not_found", "person not in this organization", { field });
    }
    await tx.body.update({ where: { id: data.bodyId }, data: { chairId: data.chairId, recorderId: data.recorderId } });
    await appendAudit(tx, {
      orgId: body.orgId,
      actor: auditActor,
      action: "officer.assigned",
      object: { type: "body", id: data.bodyId },
      data: { chairId: data.chairId, recorderId: data.recorderId },
    });
    return { bodyId: data.bodyId };
  });
}
