import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import { assertPeriodDays } from "../../notice/period";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({ orgId: z.string().min(1).max(64), noticeDays: z.number().int() });

/**
 * The organization's default notice period (公示期) in days, used for its next publications; notices already
 * posted keep theirs. Set by its admins; the law leaves the length to local rules (e.g. 5 days in Shandong).
 */
export function setNoticeDays(input: unknown, actor: Actor): Promise<{ orgId: string; noticeDays: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const org = await tx.organization.findUnique({ where: { id: data.orgId }, select: { id: true, noticeDays: true } });
    if (!org) throw new AppError("not_found", "organization not found", { field: "orgId" });
    const auditActor = await requireOrgRole(tx, actor, org.id, ["admin"]);
    assertPeriodDays(data.noticeDays, "noticeDays");
    await tx.organization.update({ where: { id: org.id }, data: { noticeDays: data.noticeDays } });
    await appendAudit(tx, {
      orgId: org.id,
      actor: auditActor,
      action: "org.updated",
      object: { type: "organization", id: org.id },
      data: { noticeDays: data.noticeDays, previousNoticeDays: org.noticeDays },
    });
    return { orgId: org.id, noticeDays: data.noticeDays };
  });
}
