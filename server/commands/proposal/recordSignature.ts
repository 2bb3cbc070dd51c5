import { type AuditActor, appendAudit } from "../../audit/append";
import type { JsonObject } from "../../audit/canonical";
import { AppError } from "../../errors";
import type { Tx } from "../run";
import { proposalProgress } from "./eligibility";

/**
 * One co-signature of an open proposal, whichever way the signatory proved who they are (their account, or a code
 * the clerk handed them): the row, its audit entry, and — when the count reaches a threshold of the law — the
 * convener's duty to call that meeting (once per body), all in the caller's transaction.
 */
export async function recordSignature(
  tx: Tx,
  proposal: { id: string; orgId: string },
  personId: string,
  auditActor: AuditActor,
  via: "account" | "code",
  extra: JsonObject = {},
): Promise<{ count: number; reached: string[] }> {
  const existing = await tx.proposalSignature.findUnique({ where: { proposalId_personId: { proposalId: proposal.id, personId } } });
  if (existing) throw new AppError("conflict", "already signed", { field: "proposalId", details: { reason: "already_signed" } });
  await tx.proposalSignature.create({ data: { proposalId: proposal.id, personId, orgId: proposal.orgId, via } });
  const count = await tx.proposalSignature.count({ where: { proposalId: proposal.id } });
  const object = { type: "proposal", id: proposal.id };
  await appendAudit(tx, {
    orgId: proposal.orgId,
    actor: auditActor,
    action: "proposal.signed",
    object,
    data: { personId, count, ...(via === "code" ? { via } : {}), ...extra },
  });
  const reached: string[] = [];
  for (const step of (await proposalProgress(tx, proposal)).filter((p) => p.reached)) {
    const duty = await tx.conveningDuty.findUnique({ where: { proposalId_body: { proposalId: proposal.id, body: step.body } } });
    if (duty) continue;
    await tx.conveningDuty.create({
      data: { orgId: proposal.orgId, proposalId: proposal.id, body: step.body, basis: step.legalBasis, signed: step.signed, needed: step.needed },
    });
    await appendAudit(tx, {
      orgId: proposal.orgId,
      actor: null,
      action: "proposal.threshold_reached",
      object,
      data: { body: step.body, rule: step.key, signed: step.signed, needed: step.needed, legalBasis: step.legalBasis },
    });
    reached.push(step.body);
  }
  return { count, reached };
}
