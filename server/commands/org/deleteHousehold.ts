import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({ householdId: z.string().min(1).max(64) });

/**
 * The admin removes a household registered by mistake. Only an empty one: who belongs to which household decides
 * who may stand for it at an assembly (户代表), so people are moved first, each move on the record.
 */
export function deleteHousehold(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const household = await tx.household.findUnique({
      where: { id: data.householdId },
      select: { id: true, orgId: true, number: true, _count: { select: { people: { where: { deletedAt: null } } } } },
    });
    if (!household) throw new AppError("not_found", "household not found", { field: "householdId" });
    const auditActor = await requireOrgRole(tx, actor, household.orgId, ["admin"]);
    if (household._count.people > 0) {
      throw new AppError("conflict", "move the household's people to another household first", {
        field: "householdId",
        details: { reason: "has_people", people: household._count.people },
      });
    }
    // People deleted earlier keep their names on archived records; their link to this household goes with it.
    await tx.person.updateMany({ where: { householdId: household.id }, data: { householdId: null } });
    await tx.household.delete({ where: { id: household.id } });
    await appendAudit(tx, {
      orgId: household.orgId,
      actor: auditActor,
      action: "household.deleted",
      object: { type: "household", id: household.id },
      data: { number: household.number },
    });
    return { id: household.id };
  });
}
