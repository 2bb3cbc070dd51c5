import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { hashPassword } from "../../auth/password";
import { requireOrgRole } from "../../auth/permissions";
import { confineToOrg } from "../../auth/scope";
import { PHONE_PATTERN } from "../../domain/phone";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  townshipId: z.string().min(1),
  name: z.string().trim().min(1).max(100),
  noticeDays: z.number().int().min(1).max(60).optional(),
  /** The village's first admin (村务管理员): an account with an initial password, changed at first login. */
  adminPhone: z.string().regex(PHONE_PATTERN, "手机号应为11位数字 (11-digit mobile number)"),
  adminName: z.string().trim().min(1).max(40),
  adminPassword: z.string().min(8, "密码至少8位 (at least 8 characters)").max(200),
});

/**
 * A township's admin creates a village (村/社区) under the township and its first admin (issue #20). The village's
 * own log starts with its creation and the grant, naming the township admin; the township gets no role in the
 * village by this — it reads and acts there only through its own township roles.
 */
export function createVillage(input: unknown, actor: Actor): Promise<{ id: string; adminAccountId: string }> {
  return runCommand(
    schema,
    input,
    actor,
    async (tx, data, passwordHash: string) => {
      const township = await tx.organization.findUnique({ where: { id: data.townshipId }, select: { level: true } });
      if (township?.level !== "township") throw new AppError("not_found", "township not found", { field: "townshipId" });
      const auditActor = await requireOrgRole(tx, actor, data.townshipId, ["admin"]);
      const village = await tx.organization.create({
        data: { name: data.name, level: "village", parentId: data.townshipId, noticeDays: data.noticeDays ?? 7 },
      });
      if (actor.kind === "account") await confineToOrg(tx, village.id);
      await appendAudit(tx, {
        orgId: village.id,
        actor: auditActor,
        action: "org.created",
        object: { type: "organization", id: village.id },
        data: { name: village.name, level: village.level, parentId: village.parentId, noticeDays: village.noticeDays },
      });
      const account = await tx.account.create({
        data: {
          phone: data.adminPhone,
          displayName: data.adminName,
          passwordHash,
          mustSetPassword: actor.kind !== "system",
          roles: { create: [{ orgId: village.id, role: "admin" }] },
        },
      });
      await appendAudit(tx, {
        orgId: village.id,
        actor: auditActor,
        action: "account.created",
        object: { type: "account", id: account.id },
        data: { personId: null, roles: ["admin"], reason: "first admin, created by the township" },
      });
      return { id: village.id, adminAccountId: account.id };
    },
    (data) => hashPassword(data.adminPassword),
  );
}
