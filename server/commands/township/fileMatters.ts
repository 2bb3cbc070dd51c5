import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole, townshipOf } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  orgId: z.string().min(1),
  /** The matters to file; none means every matter of the organization not filed yet (the 重大事项清单). */
  matterIds: z.array(z.string().min(1)).max(2_000).default([]),
});

/**
 * 备案 (issue #20): a village (or one of its cooperatives) files its major-matter list, or single matters, with its
 * township. Only the organization's own admin files; the entry in its log lists what was filed, so the list is part
 * of the village's verifiable bundle. Filing twice files nothing twice.
 */
export function fileMatters(input: unknown, actor: Actor): Promise<{ filed: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    const above = await townshipOf(tx, data.orgId);
    if (!above) throw new AppError("conflict", "this organization belongs to no township to file with", { field: "orgId" });
    const where = { orgId: data.orgId, filedAt: null, ...(data.matterIds.length > 0 ? { id: { in: data.matterIds } } : {}) };
    const matters = await tx.matter.findMany({ where, select: { id: true, title: true, kind: true, stage: true }, orderBy: { createdAt: "asc" } });
    if (data.matterIds.length > 0) {
      const known = await tx.matter.count({ where: { orgId: data.orgId, id: { in: data.matterIds } } });
      if (known !== new Set(data.matterIds).size) throw new AppError("not_found", "matter not found", { field: "matterIds" });
    }
    if (matters.length === 0) return { filed: 0 };
    const now = new Date();
    await tx.matter.updateMany({ where: { id: { in: matters.map((m) => m.id) }, filedAt: null }, data: { filedAt: now } });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "filing.submitted",
      object: { type: "organization", id: data.orgId },
      data: { township: above.townshipId, matters: matters.map((m) => ({ id: m.id, title: m.title, kind: m.kind, stage: m.stage })) },
      now,
    });
    return { filed: matters.length };
  });
}
