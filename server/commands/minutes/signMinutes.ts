import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { type MeetingState, nextMeetingState } from "../../domain/meeting";
import { AppError } from "../../errors";
import { loadMinutesStatus } from "../../minutes/status";
import type { Actor } from "../actor";
import { afterCommit, runCommand, type Tx } from "../run";

const schema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  /** The version the signer read; refused when a newer one exists, so nobody signs text they have not seen. */
  versionId: z.string().min(1).max(64).optional(),
  /** Only the system (demo seed, operator CLI) names the signer; an account always signs as its own person. */
  personId: z.string().min(1).max(64).optional(),
});

export type SignedMinutes = {
  meetingId: string;
  orgId: string;
  versionId: string;
  version: number;
  isComplete: boolean;
  alreadySigned: boolean;
  signed: number;
  required: number;
  meetingState: string;
};

const AUDIT_ROLE = { chair: "chair", recorder: "recorder", attendee: "member" } as const;

async function signerPersonId(tx: Tx, actor: Actor, named: string | undefined): Promise<string> {
  if (actor.kind === "system") {
    if (!named) throw new AppError("invalid_input", "the system signs only on behalf of a named person", { field: "personId" });
    return named;
  }
  const account = await tx.account.findUnique({ where: { id: actor.accountId }, select: { personId: true } });
  if (!account?.personId || (named !== undefined && named !== account.personId)) throw new AppError("forbidden", "you can only sign for yourself");
  return account.personId;
}

/**
 * A required signer (chair, recorder, each attendee) signs the latest version off (`minutes.signed`). The last
 * signature archives the meeting (adjourned → minutes signed → archived, one transaction, version bumped) and, after
 * the commit, the `minutes.signed` event has a checkpoint of the audit log signed (DESIGN.md §6). Signing twice is
 * answered with the same state and records nothing new.
 */
export async function signMinutes(input: unknown, actor: Actor): Promise<SignedMinutes> {
  const result = await runCommand(schema, input, actor, async (tx, data) => {
    const status = await loadMinutesStatus(tx, data.meetingId);
    if (!status) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
    const latest = status.latest;
    if (!latest) throw new AppError("conflict", "the minutes are not finalized yet", { field: "meetingId" });
    if (data.versionId !== undefined && data.versionId !== latest.id) {
      throw new AppError("conflict", "a newer version of the minutes exists: read it before signing", { field: "versionId" });
    }
    const personId = await signerPersonId(tx, actor, data.personId);
    const signer = status.required.find((s) => s.personId === personId);
    if (!signer) throw new AppError("forbidden", "only the chair, the recorder and the attendees sign the minutes");
    const base = { meetingId: data.meetingId, orgId: status.orgId, versionId: latest.id, version: latest.version, required: status.required.length };
    if (latest.signatures.some((s) => s.personId === personId)) {
      const signed = status.required.length - latest.missing.length;
      return { ...base, isComplete: latest.isComplete, alreadySigned: true, signed, meetingState: status.meetingState };
    }
    await tx.minutesSignature.create({ data: { versionId: latest.id, personId, role: signer.role } });
    const missing = latest.missing.filter((s) => s.personId !== personId);
    const isComplete = missing.length === 0;
    let meetingState = status.meetingState;
    if (isComplete && meetingState === "adjourned") {
      meetingState = nextMeetingState(nextMeetingState("adjourned", "signMinutes"), "archive");
      await tx.meeting.update({ where: { id: data.meetingId }, data: { state: meetingState as MeetingState, version: { increment: 1 } } });
    }
    const signed = status.required.length - missing.length;
    await appendAudit(tx, {
      orgId: status.orgId,
      meetingId: data.meetingId,
      actor: actor.kind === "system" ? null : { id: actor.accountId, role: AUDIT_ROLE[signer.role], name: actor.name },
      action: "minutes.signed",
      object: { type: "minutes", id: latest.id },
      data: {
        version: latest.version,
        sha256: latest.sha256,
        personId,
        role: signer.role,
        signed,
        required: status.required.length,
        complete: isComplete,
        meetingState,
      },
    });
    // The live documents re-read the sign-off; a complete one gets a checkpoint and the meeting room shows "archived".
    afterCommit(tx, { type: "minutes.status", orgId: status.orgId, meetingId: data.meetingId });
    if (isComplete) afterCommit(tx, { type: "minutes.signed", orgId: status.orgId, meetingId: data.meetingId });
    return { ...base, isComplete, alreadySigned: false, signed, meetingState };
  });
  return result;
}
