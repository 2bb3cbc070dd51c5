import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { requireAccountInOrg } from "./accountInOrg";

const schema = z.strictObject({ orgId: z.string().min(1), accountId: z.string().min(1), role: z.enum(["admin", "supervisor"]) });

/** Grants an organization role (admin or supervisor) to an account of a person of that organization. */
export function grantRole(input: unknown, actor: Actor): Promise<{ accountId: string; role: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    await requireAccountInOrg(tx, data.accountId, data.orgId);
    await tx.orgRole.upsert({
      where: { accountId_orgId_role: { accountId: data.accountId, orgId: data.orgId, role: data.role } },
      create: { accountId: data.accountId, orgId: data.orgId, role: data.role },
      update: {},
    });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "role.granted",
      object: { type: "account", id: data.accountId },
      data: { role: data.role },
    });
    return { accountId: data.accountId, role: data.role };
  });
}
