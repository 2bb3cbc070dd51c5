import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireTownshipRoleOver } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({ matterId: z.string().min(1) });

/**
 * The township's filing receipt (备案回执, issue #20) for one filed matter: an entry of the VILLAGE's log, so it is in
 * the village's verifiable bundle, and its seq is kept on the matter to show there. Only a reviewer or admin of the
 * township above; a receipt once given is never edited (a second one is refused).
 */
export function acknowledgeFiling(input: unknown, actor: Actor): Promise<{ matterId: string; seq: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const found = await tx.matter.findUnique({ where: { id: data.matterId }, select: { orgId: true } });
    if (!found) throw new AppError("not_found", "matter not found", { field: "matterId" });
    const auditActor = await requireTownshipRoleOver(tx, actor, found.orgId, ["reviewer", "admin"]);
    const matter = await tx.matter.findUniqueOrThrow({
      where: { id: data.matterId },
      select: { id: true, orgId: true, title: true, filedAt: true, filingReceiptAt: true },
    });
    if (!matter.filedAt) throw new AppError("conflict", "the village has not filed this matter yet", { field: "matterId" });
    if (matter.filingReceiptAt) throw new AppError("conflict", "a filing receipt was already given", { field: "matterId" });
    const now = new Date();
    const entry = await appendAudit(tx, {
      orgId: matter.orgId,
      actor: auditActor,
      action: "filing.acknowledged",
      object: { type: "matter", id: matter.id },
      data: { title: matter.title, filedAt: matter.filedAt.toISOString() },
      now,
    });
    const receiver = actor.kind === "account" ? actor.name : "system";
    const updated = await tx.matter.updateMany({
      where: { id: matter.id, filingReceiptAt: null },
      data: { filingReceiptAt: now, filingReceiptBy: receiver, filingReceiptSeq: entry.seq },
    });
    if (updated.count !== 1) throw new AppError("conflict", "a filing receipt was already given", { field: "matterId" });
    return { matterId: matter.id, seq: entry.seq };
  });
}
