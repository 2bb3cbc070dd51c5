import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  orgId: z.string().min(1),
  number: z.string().trim().min(1).max(40),
  head: z.string().trim().min(1).max(60).optional(),
});

export function createHousehold(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    const household = await tx.household.create({ data: { orgId: data.orgId, number: data.number, head: data.head ?? null } });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "household.created",
      object: { type: "household", id: household.id },
      data: { number: household.number },
    });
    return { id: household.id };
  });
}
