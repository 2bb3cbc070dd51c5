import { z } from "zod";
import { appendAudit } from "../../audit/append";
import type { JsonObject } from "../../audit/canonical";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  orgId: z.string().min(1),
  name: z.string().trim().min(1).max(100).optional(),
  /** How long a public notice (公示) stays up, e.g. 5 days in Shandong's regulation; configurable (RULES.md §4). */
  noticeDays: z.number().int().min(1).max(60).optional(),
});

/** Renames an organization or changes its notice period; the log keeps the new values. */
export function updateOrganization(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    const org = await tx.organization.findUnique({ where: { id: data.orgId }, select: { name: true, noticeDays: true } });
    if (!org) throw new AppError("not_found", "organization not found", { field: "orgId" });
    const changed: JsonObject = {};
    if (data.name !== undefined && data.name !== org.name) changed.name = data.name;
    if (data.noticeDays !== undefined && data.noticeDays !== org.noticeDays) changed.noticeDays = data.noticeDays;
    if (Object.keys(changed).length === 0) return { id: data.orgId };
    await tx.organization.update({ where: { id: data.orgId }, data: changed as { name?: string; noticeDays?: number } });
    await appendAudit(tx, { orgId: data.orgId, actor: auditActor, action: "org.updated", object: { type: "organization", id: data.orgId }, data: changed });
    return { id: data.orgId };
  });
}
