import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { confineToOrg } from "../../auth/scope";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { addSignature, versionBeingSigned } from "./signOff";

const schema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  /** The attendee whose 代书 the witness confirms. */
  personId: z.string().min(1).max(64),
  /** Only the system (demo seed, tests run as the operator) names the witness; an account confirms as its own person. */
  witnessId: z.string().min(1).max(64).optional(),
});

export type ConfirmedWitness = {
  meetingId: string;
  orgId: string;
  personId: string;
  confirmations: number;
  isSigned: boolean;
  isComplete: boolean;
  alreadyConfirmed: boolean;
};

/**
 * A named witness confirms, on their own phone, that they saw the attendee present and the 代书 made
 * (`minutes.witnessed`). The second confirmation makes it a signature (`minutes.signed`, method "assisted", both
 * witnesses named) in the same transaction. Confirming twice records nothing new. Anyone else is refused.
 */
export async function confirmWitness(input: unknown, actor: Actor): Promise<ConfirmedWitness> {
  const result = await runCommand(schema, input, actor, async (tx, data) => {
    let witnessId = data.witnessId;
    if (actor.kind === "account") {
      const account = await tx.account.findUnique({ where: { id: actor.accountId }, select: { personId: true, disabled: true } });
      if (!account?.personId || account.disabled || (witnessId !== undefined && witnessId !== account.personId))
        throw new AppError("forbidden", "you confirm only as yourself");
      witnessId = account.personId;
    }
    if (!witnessId) throw new AppError("invalid_input", "the system confirms only for a named witness", { field: "witnessId" });
    const signing = await versionBeingSigned(tx, data.meetingId, undefined);
    const { status, latest } = signing;
    await confineToOrg(tx, status.orgId);
    const pending = await tx.assistedSignature.findUnique({ where: { versionId_personId: { versionId: latest.id, personId: data.personId } } });
    const slot = pending?.witness1Id === witnessId ? 1 : pending?.witness2Id === witnessId ? 2 : 0;
    if (!pending || slot === 0)
      throw new AppError("forbidden", "you are not a witness of this assisted signature", { field: "personId", details: { reason: "not_witness" } });
    // The attendee signed another way meanwhile (on their phone): nothing left to witness.
    if (!signing.missing.has(data.personId)) throw new AppError("conflict", "already signed", { field: "personId", details: { reason: "already_signed" } });
    const base = { meetingId: data.meetingId, orgId: status.orgId, personId: data.personId };
    const already = slot === 1 ? pending.confirmed1At : pending.confirmed2At;
    const other = slot === 1 ? pending.confirmed2At : pending.confirmed1At;
    if (already) return { ...base, confirmations: other ? 2 : 1, isSigned: false, isComplete: false, alreadyConfirmed: true };
    const role = status.required.find((s) => s.personId === witnessId)?.role === "chair" ? "chair" : "member";
    const auditActor = actor.kind === "system" ? null : { id: actor.accountId, role, name: actor.name };
    const now = new Date();
    await tx.assistedSignature.update({
      where: { versionId_personId: { versionId: latest.id, personId: data.personId } },
      data: slot === 1 ? { confirmed1At: now } : { confirmed2At: now },
    });
    const confirmations = other ? 2 : 1;
    await appendAudit(tx, {
      orgId: status.orgId,
      meetingId: data.meetingId,
      actor: auditActor,
      action: "minutes.witnessed",
      object: { type: "minutes", id: latest.id },
      data: { version: latest.version, sha256: latest.sha256, personId: data.personId, witness: witnessId, confirmations },
      now,
    });
    afterCommit(tx, { type: "minutes.status", orgId: status.orgId, meetingId: data.meetingId });
    if (confirmations < 2) return { ...base, confirmations, isSigned: false, isComplete: false, alreadyConfirmed: false };
    const signer = status.required.find((s) => s.personId === data.personId);
    if (!signer) throw new AppError("conflict", "no longer among those who sign", { field: "personId", details: { reason: "not_signer" } });
    const witnessIds = [pending.witness1Id, pending.witness2Id];
    await addSignature(tx, signing, {
      signer,
      method: "assisted",
      actor: auditActor,
      witnessIds,
      data: { witnesses: witnessIds, requestedBy: pending.requestedBy },
    });
    await tx.assistedSignature.delete({ where: { versionId_personId: { versionId: latest.id, personId: data.personId } } });
    return { ...base, confirmations, isSigned: true, isComplete: signing.missing.size === 0, alreadyConfirmed: false };
  });
  return result;
}
