import { townshipOf } from "../../auth/permissions";
import { deciderForStage } from "../../domain/matter";
import type { BodyKind, MatterKind } from "../../domain/rules";
import { isPreReviewApproved, preReviewNeed, readTownshipSettings } from "../../domain/township/settings";
import { AppError } from "../../errors";
import type { Tx } from "../run";

/**
 * The pre-review gate (合法性预审, issue #20): a 决议 vote — one by a body that decides this kind of matter — on a
 * matter the township marks as needing pre-review opens only after a township reviewer approved it. A village with
 * no township above it has nobody to ask and is not held back.
 */
export async function requirePreReviewBeforeDecision(
  tx: Tx,
  input: { body: BodyKind; matterKind: MatterKind; matter: { id: string; orgId: string; amountYuan: number | null } },
): Promise<void> {
  if (!deciderForStage("decision", input.matterKind).includes(input.body)) return;
  const above = await townshipOf(tx, input.matter.orgId);
  if (!above) return;
  const township = await tx.organization.findUnique({ where: { id: above.townshipId }, select: { townshipSettings: true } });
  const need = preReviewNeed(readTownshipSettings(township?.townshipSettings), { kind: input.matterKind, amountYuan: input.matter.amountYuan });
  if (!need.required) return;
  const reviews = await tx.preReview.findMany({ where: { matterId: input.matter.id }, select: { state: true, requestedAt: true, reasons: true } });
  if (isPreReviewApproved(reviews)) return;
  const latest = [...reviews].sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime())[0];
  throw new AppError("pre_review_required", "the township has not approved this matter's pre-review", {
    field: "matterId",
    details: { matterId: input.matter.id, because: need.because, state: latest?.state ?? "none", reason: latest?.reasons ?? undefined },
  });
}
