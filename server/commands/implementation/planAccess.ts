/**
 * Who keeps an implementation record (issue #23): an admin of the organization (the clerk, 村务档案) or the chair
 * of the body whose vote decided the matter — the same people who publish its notices. Supervisors read it and never
 * change it (DESIGN.md §4).
 */
import type { AuditActor } from "../../audit/append";
import { findDecision } from "../../db/load/decisionRecord";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { lockMatter, requirePublisher } from "../notice/publisher";
import type { Tx } from "../run";

export type PlanContext = {
  auditActor: AuditActor;
  matter: { id: string; orgId: string; title: string; kind: string; stage: string };
  decision: NonNullable<Awaited<ReturnType<typeof findDecision>>>;
};

/** Matters whose decision is carried out: disclosed (a plan may be drawn up during the notice period) or under way. */
export const PLANNABLE_STAGES = ["decision_disclosure", "implementation"] as const;

export async function implementationContext(tx: Tx, actor: Actor, matterId: string): Promise<PlanContext> {
  await lockMatter(tx, matterId);
  const matter = await tx.matter.findUnique({ where: { id: matterId }, select: { id: true, orgId: true, title: true, kind: true, stage: true } });
  if (!matter) throw new AppError("not_found", "matter not found", { field: "matterId" });
  const decision = await findDecision(tx, matter);
  const auditActor = await requirePublisher(tx, actor, matter.orgId, decision?.body.id ?? null);
  if (!decision) throw new AppError("conflict", "the matter has no passed decision to carry out", { field: "matterId", details: { reason: "no_decision" } });
  return { auditActor, matter, decision };
}
