import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { charterSchema } from "../../domain/rules";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  bodyId: z.string().min(1),
  name: z.string().trim().min(1).max(60).optional(),
  charter: charterSchema,
});

/**
 * Replaces a body's charter settings (章程) as a whole. A charter may only make the law stricter; a laxer share is
 * kept as written but the rules engine applies the law (describeBodyRules says so next to it).
 */
export function updateCharter(input: unknown, actor: Actor): Promise<{ bodyId: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const body = await tx.body.findUnique({ where: { id: data.bodyId }, select: { orgId: true, name: true } });
    if (!body) throw new AppError("not_found", "body not found", { field: "bodyId" });
    const auditActor = await requireOrgRole(tx, actor, body.orgId, ["admin"]);
    const name = data.name ?? body.name;
    // Only the settings given: absent ones mean the law's rule, and the log must not carry undefined values.
    const charter = Object.fromEntries(Object.entries(data.charter).filter(([, value]) => value !== undefined));
    await tx.body.update({ where: { id: data.bodyId }, data: { name, charter } });
    await appendAudit(tx, {
      orgId: body.orgId,
      actor: auditActor,
      action: "body.updated",
      object: { type: "body", id: data.bodyId },
      data: { name, charter },
    });
    return { bodyId: data.bodyId };
  });
}
