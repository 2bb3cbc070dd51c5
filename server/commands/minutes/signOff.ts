/**
 * What the three ways of signing the minutes share (own account, paper, 代书): finding the version being signed,
 * checking the signer, and adding one signature with its `minutes.signed` entry — the last one archives the meeting
 * (adjourned → minutes signed → archived) in the same transaction, as signMinutes does.
 */
import type { AuditActor } from "../../audit/append";
import { appendAudit } from "../../audit/append";
import type { JsonObject } from "../../audit/canonical";
import { type MeetingState, nextMeetingState } from "../../domain/meeting";
import { AppError } from "../../errors";
import type { RequiredSigner } from "../../minutes/signers";
import { loadMinutesStatus, type MinutesStatus, type SignatureMethod } from "../../minutes/status";
import { afterCommit, type Tx } from "../run";

export type Signing = { status: MinutesStatus; latest: NonNullable<MinutesStatus["latest"]>; missing: Set<string>; meetingState: string };

/** The latest version, still being signed; `versionId` (what the page showed) must still be the latest. */
export async function versionBeingSigned(tx: Tx, meetingId: string, versionId: string | undefined): Promise<Signing> {
  const status = await loadMinutesStatus(tx, meetingId);
  if (!status) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
  return signingOf(status, versionId);
}

export function signingOf(status: MinutesStatus, versionId: string | undefined): Signing {
  const latest = status.latest;
  if (!latest) throw new AppError("conflict", "the minutes are not finalized yet", { field: "meetingId", details: { reason: "not_finalized" } });
  if (versionId !== undefined && versionId !== latest.id) {
    throw new AppError("conflict", "a newer version of the minutes exists", { field: "versionId", details: { reason: "stale_version" } });
  }
  if (latest.isComplete) throw new AppError("conflict", "every required signer has signed", { field: "meetingId", details: { reason: "complete" } });
  return { status, latest, missing: new Set(latest.missing.map((s) => s.personId)), meetingState: status.meetingState };
}

/**
 * A signer the recorder records for: one of the required signers, not yet signed, and not the recorder (who signs on
 * their own phone).
 */
export function recordableSigner(signing: Signing, personId: string, field: string): RequiredSigner {
  const signer = signing.status.required.find((s) => s.personId === personId);
  if (!signer) throw new AppError("invalid_input", "not among those who sign these minutes", { field, details: { reason: "not_signer" } });
  if (signer.role === "recorder") throw new AppError("invalid_input", "the recorder signs with their own account", { field, details: { reason: "self" } });
  if (!signing.missing.has(personId)) throw new AppError("conflict", "already signed", { field, details: { reason: "already_signed" } });
  return signer;
}

/** Adds one signature and its audit entry; archives the meeting when it was the last one missing. Declares its events. */
export async function addSignature(
  tx: Tx,
  signing: Signing,
  input: { signer: RequiredSigner; method: SignatureMethod; actor: AuditActor; scanId?: string; witnessIds?: string[]; data: JsonObject },
): Promise<void> {
  const { status, latest } = signing;
  await tx.minutesSignature.create({
    data: {
      versionId: latest.id,
      personId: input.signer.personId,
      role: input.signer.role,
      method: input.method,
      scanId: input.scanId,
      witnessIds: input.witnessIds ?? [],
    },
  });
  signing.missing.delete(input.signer.personId);
  const isComplete = signing.missing.size === 0;
  if (isComplete && signing.meetingState === "adjourned") {
    signing.meetingState = nextMeetingState(nextMeetingState("adjourned", "signMinutes"), "archive");
    await tx.meeting.update({ where: { id: status.meetingId }, data: { state: signing.meetingState as MeetingState, version: { increment: 1 } } });
  }
  await appendAudit(tx, {
    orgId: status.orgId,
    meetingId: status.meetingId,
    actor: input.actor,
    action: "minutes.signed",
    object: { type: "minutes", id: latest.id },
    data: {
      version: latest.version,
      sha256: latest.sha256,
      personId: input.signer.personId,
      role: input.signer.role,
      method: input.method,
      ...input.data,
      signed: status.required.length - signing.missing.size,
      required: status.required.length,
      complete: isComplete,
      meetingState: signing.meetingState,
    },
  });
  // After the commit the live documents re-read the sign-off; a completed one gets a checkpoint (server/listeners/).
  const event = { orgId: status.orgId, meetingId: status.meetingId };
  afterCommit(tx, { type: "minutes.status", ...event });
  if (isComplete) afterCommit(tx, { type: "minutes.signed", ...event });
}
