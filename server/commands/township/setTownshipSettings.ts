import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { type AlertSettings, alertSettings } from "../../domain/alerts";
import { MATTER_KINDS } from "../../domain/rules";
import { PRE_REVIEW_AMOUNT_MAX, readTownshipSettings } from "../../domain/township/settings";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";

const schema = z.strictObject({
  orgId: z.string().min(1),
  preReviewKinds: z.array(z.enum(MATTER_KINDS)).max(MATTER_KINDS.length),
  preReviewAmountYuan: z.number().int().min(0).max(PRE_REVIEW_AMOUNT_MAX),
  /** The alerts' thresholds; a field left out keeps the law's default. */
  alerts: z.record(z.string(), z.number().int()).default({}),
});

/** The township's admin sets which matters need pre-review (issue #20); the change and the old value are audited. */
export function setTownshipSettings(input: unknown, actor: Actor): Promise<{ orgId: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const org = await tx.organization.findUnique({ where: { id: data.orgId }, select: { level: true, townshipSettings: true } });
    if (org?.level !== "township") throw new AppError("not_found", "township not found", { field: "orgId" });
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    const before = readTownshipSettings(org.townshipSettings);
    const defaults = alertSettings().settings;
    const unknown = Object.keys(data.alerts).find((key) => !(key in defaults));
    if (unknown) throw new AppError("invalid_input", `no such alert setting: ${unknown}`, { field: `alerts.${unknown}` });
    const checked = alertSettings(data.alerts as Partial<AlertSettings>);
    const problem = checked.problems[0];
    if (problem)
      throw new AppError("invalid_input", `${problem.field} must be from ${problem.min} to ${problem.max}`, {
        field: `alerts.${problem.field}`,
        details: { min: problem.min, max: problem.max },
      });
    const after = { preReviewKinds: [...new Set(data.preReviewKinds)], preReviewAmountYuan: data.preReviewAmountYuan, alerts: checked.settings };
    await tx.organization.update({ where: { id: data.orgId }, data: { townshipSettings: after } });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "township.settings.updated",
      object: { type: "organization", id: data.orgId },
      data: { before, after },
    });
    // The stored alerts of every village and cooperative were computed with the old thresholds: recomputed in the
    // background from now, not by the first view of the dashboard.
    afterCommit(tx, { type: "township.settings.changed", orgId: data.orgId, meetingId: "" });
    return { orgId: data.orgId };
  });
}
