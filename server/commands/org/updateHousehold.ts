import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  householdId: z.string().min(1).max(64),
  number: z.string().trim().min(1).max(40),
  head: z.string().trim().max(60).optional(),
});

/** The admin corrects a household's number or head (户主). A number already used in the organization is refused. */
export function updateHousehold(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const household = await tx.household.findUnique({ where: { id: data.householdId }, select: { id: true, orgId: true, number: true, head: true } });
    if (!household) throw new AppError("not_found", "household not found", { field: "householdId" });
    const auditActor = await requireOrgRole(tx, actor, household.orgId, ["admin"]);
    const head = data.head ? data.head : null;
    if (household.number === data.number && household.head === head) return { id: household.id };
    const clash = await tx.household.findFirst({ where: { orgId: household.orgId, number: data.number, id: { not: household.id } }, select: { id: true } });
    if (clash) throw new AppError("conflict", "another household has this number", { field: "number", details: { reason: "number_taken" } });
    await tx.household.update({ where: { id: household.id }, data: { number: data.number, head } });
    await appendAudit(tx, {
      orgId: household.orgId,
      actor: auditActor,
      action: "household.updated",
      object: { type: "household", id: household.id },
      data: { number: data.number, previousNumber: household.number, headChanged: household.head !== head },
    });
    return { id: household.id };
  });
}
