import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { confineToOrg } from "../../auth/scope";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  level: z.enum(["township", "village", "cooperative"]),
  parentId: z.string().min(1).optional(),
  noticeDays: z.number().int().min(1).max(60).optional(),
});

/**
 * A village is created by the operator (system); a cooperative by an admin of its village, who is then granted
 * admin of the new cooperative (recorded in its log). Roles never flow between levels by themselves: the village's
 * other admins are not the cooperative's admins until granted.
 */
export function createOrganization(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    if (data.level === "cooperative" && !data.parentId) {
      throw new AppError("invalid_input", "a cooperative belongs to a village", { field: "parentId" });
    }
    // A village under a township is created by the township's admin (commands/township/createVillage.ts).
    if ((data.level === "village" || data.level === "township") && data.parentId) {
      throw new AppError("invalid_input", "a village or township is created without a parent here", { field: "parentId" });
    }
    let auditActor = null;
    if (data.parentId) {
      const parent = await tx.organization.findUnique({ where: { id: data.parentId }, select: { level: true } });
      if (parent?.level !== "village") throw new AppError("not_found", "village not found", { field: "parentId" });
      auditActor = await requireOrgRole(tx, actor, data.parentId, ["admin"]);
    } else if (actor.kind !== "system") {
      throw new AppError("forbidden", "villages and townships are created by the operator or a township's admin");
    }
    const org = await tx.organization.create({
      data: { name: data.name, level: data.level, parentId: data.parentId ?? null, noticeDays: data.noticeDays ?? 7 },
    });
    // The village admin who creates a cooperative becomes its admin: the transaction may now write there too.
    if (actor.kind === "account") await confineToOrg(tx, org.id);
    await appendAudit(tx, {
      orgId: org.id,
      actor: auditActor,
      action: "org.created",
      object: { type: "organization", id: org.id },
      data: { name: org.name, level: org.level, parentId: org.parentId, noticeDays: org.noticeDays },
    });
    if (actor.kind === "account") {
      await tx.orgRole.create({ data: { accountId: actor.accountId, orgId: org.id, role: "admin" } });
      await appendAudit(tx, {
        orgId: org.id,
        actor: auditActor,
        action: "role.granted",
        object: { type: "account", id: actor.accountId },
        data: { role: "admin", reason: "creator" },
      });
    }
    return { id: org.id };
  });
}
