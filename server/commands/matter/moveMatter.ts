import { z } from "zod";
import { requireOrgRole } from "../../auth/permissions";
import { assertMatterStage, MATTER_STAGES, MOVE_REASON_MAX, manualMove } from "../../domain/matter";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { recordMatterMove } from "./recordMatterMove";

const schema = z.strictObject({
  matterId: z.string().min(1),
  to: z.enum(MATTER_STAGES),
  reason: z.string().max(MOVE_REASON_MAX * 4),
});

/** A manual move of a matter (RULES.md §4), allowed as server/domain/matter says, with a reason on the record. */
export function moveMatter(input: unknown, actor: Actor): Promise<{ id: string; from: string; to: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const matter = await tx.matter.findUnique({ where: { id: data.matterId }, select: { id: true, orgId: true, stage: true } });
    if (!matter) throw new AppError("not_found", "matter not found", { field: "matterId" });
    const auditActor = await requireOrgRole(tx, actor, matter.orgId, ["admin"]);
    assertMatterStage(matter.stage);
    const move = manualMove({ from: matter.stage, to: data.to, reason: data.reason });
    // Conditional on the stage read above: two admins moving the same matter at once cannot both succeed.
    await recordMatterMove(tx, {
      matter,
      from: move.from,
      to: move.to,
      reason: move.reason,
      actor: auditActor,
      actorId: actor.kind === "account" ? actor.accountId : null,
      audit: { data: { reason: move.reason, manual: true } },
    });
    return { id: matter.id, from: move.from, to: move.to };
  });
}
