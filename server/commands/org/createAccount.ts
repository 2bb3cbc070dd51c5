import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { hashPassword } from "../../auth/password";
import { requireOrgRole } from "../../auth/permissions";
import { PHONE_PATTERN } from "../../domain/phone";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  orgId: z.string().min(1),
  personId: z.string().min(1).optional(),
  phone: z.string().regex(PHONE_PATTERN, "手机号应为11位数字 (11-digit mobile number)"),
  displayName: z.string().trim().min(1).max(40),
  password: z.string().min(8, "密码至少8位 (at least 8 characters)").max(200),
  // `reviewer` (镇街工作人员) is a township role (issue #20): refused for a village or cooperative below.
  roles: z.array(z.enum(["admin", "supervisor", "reviewer"])).default([]),
});

/**
 * An admin opens an account for a person (or a staff member) with an initial password, which the holder is asked
 * to change at first login; optionally with organization roles.
 */
export function createAccount(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(
    schema,
    input,
    actor,
    async (tx, data, passwordHash: string) => {
      const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
      if (data.roles.includes("reviewer")) {
        const org = await tx.organization.findUnique({ where: { id: data.orgId }, select: { level: true } });
        if (org?.level !== "township") throw new AppError("invalid_input", "a reviewer (镇街工作人员) belongs to a township", { field: "roles" });
      }
      if (data.personId) {
        const person = await tx.person.findUnique({ where: { id: data.personId }, select: { orgId: true } });
        if (person?.orgId !== data.orgId) throw new AppError("not_found", "person not found", { field: "personId" });
      }
      const account = await tx.account.create({
        data: {
          phone: data.phone,
          displayName: data.displayName,
          personId: data.personId ?? null,
          passwordHash,
          mustSetPassword: actor.kind !== "system",
          roles: { create: data.roles.map((role) => ({ orgId: data.orgId, role })) },
        },
      });
      await appendAudit(tx, {
        orgId: data.orgId,
        actor: auditActor,
        action: "account.created",
        object: { type: "account", id: account.id },
        data: { personId: account.personId, roles: data.roles },
      });
      return { id: account.id };
    },
    (data) => hashPassword(data.password),
  );
}
