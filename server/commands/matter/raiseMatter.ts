import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { MATTER_KINDS } from "../../domain/rules";
import type { Actor } from "../actor";
import { runCommand } from "../run";

export const MATTER_SOURCES = ["party", "villagers", "cadres", "township", "other"] as const;

const schema = z.strictObject({
  orgId: z.string().min(1),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5_000).default(""),
  kind: z.enum(MATTER_KINDS).default("general"),
  /** Who raised it (RULES.md §4 S0): party members, villagers, cadres, the township, or other. */
  source: z.enum(MATTER_SOURCES),
  /** 涉及金额（元） where collective assets or funds move: the township's pre-review threshold applies (issue #20). */
  amountYuan: z.number().int().min(0).max(1_000_000_000_000).optional(),
});

/** Records a matter at S0 (动议); from here it moves through 四议两公开 on votes or by recorded manual moves. */
export function raiseMatter(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    const matter = await tx.matter.create({
      data: {
        orgId: data.orgId,
        title: data.title,
        description: data.description,
        kind: data.kind,
        source: data.source,
        stage: "raised",
        amountYuan: data.amountYuan ?? null,
      },
    });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "matter.raised",
      object: { type: "matter", id: matter.id },
      data: {
        title: matter.title,
        kind: matter.kind,
        source: matter.source,
        stage: matter.stage,
        ...(matter.amountYuan !== null ? { amountYuan: matter.amountYuan } : {}),
      },
    });
    return { id: matter.id };
  });
}
