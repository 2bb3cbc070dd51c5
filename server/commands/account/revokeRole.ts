import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({ orgId: z.string().min(1), accountId: z.string().min(1), role: z.enum(["admin", "supervisor"]) });

/** Takes an organization role away. The last admin of an organization stays: nobody could administer it after. */
export function revokeRole(input: unknown, actor: Actor): Promise<{ accountId: string; role: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    const key = { accountId_orgId_role: { accountId: data.accountId, orgId: data.orgId, role: data.role } };
    if (!(await tx.orgRole.findUnique({ where: key }))) throw new AppError("not_found", "no such role", { field: "accountId" });
    if (data.role === "admin" && (await tx.orgRole.count({ where: { orgId: data.orgId, role: "admin" } })) <= 1) {
      throw new AppError("conflict", "the last admin of an organization cannot be removed", { field: "accountId", details: { reason: "last_admin" } });
    }
    await tx.orgRole.delete({ where: key });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "role.revoked",
      object: { type: "account", id: data.accountId },
      data: { role: data.role },
    });
    return { accountId: data.accountId, role: data.role };
  });
}
