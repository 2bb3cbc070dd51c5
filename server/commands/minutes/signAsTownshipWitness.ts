import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireTownshipRoleOver } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";

const schema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  /** The version the witness read; refused when a newer one exists. */
  versionId: z.string().min(1).max(64).optional(),
});

export type WitnessSigned = { meetingId: string; orgId: string; versionId: string; version: number; id: string };

/**
 * 见证 (issue #20): a township reviewer recorded as 列席 at the meeting signs the finalized minutes as a witness, on
 * their own login, once per version. Only a reviewer of the township above who was recorded as attending that very
 * meeting may; anyone else is refused (`forbidden`), a second signature is a `conflict`. The signature is an entry of
 * the village's log. A witness is not a required signer: the sign-off does not wait for one (server/domain/township/
 * participation.ts), and a witness may sign after it.
 */
export function signAsTownshipWitness(input: unknown, actor: Actor): Promise<WitnessSigned> {
  return runCommand(schema, input, actor, async (tx, data) => {
    if (actor.kind !== "account") throw new AppError("forbidden", "a witness signs on their own login");
    const meeting = await tx.meeting.findUnique({ where: { id: data.meetingId }, select: { id: true, orgId: true } });
    if (!meeting) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
    const auditActor = await requireTownshipRoleOver(tx, actor, meeting.orgId, ["reviewer"]);
    const attendee = await tx.nonVotingAttendee.findFirst({
      where: { meetingId: meeting.id, accountId: actor.accountId },
      select: { id: true, name: true, title: true },
    });
    if (!attendee)
      throw new AppError("forbidden", "only a township reviewer recorded as attending this meeting signs as a witness", {
        details: { reason: "not_attending" },
      });
    const latest = await tx.minutesVersion.findFirst({
      where: { meetingId: meeting.id },
      orderBy: { version: "desc" },
      select: { id: true, version: true, sha256: true },
    });
    if (!latest) throw new AppError("conflict", "the minutes are not finalized yet", { field: "meetingId", details: { reason: "not_final" } });
    if (data.versionId !== undefined && data.versionId !== latest.id) {
      throw new AppError("conflict", "a newer version of the minutes exists: read it before signing", { field: "versionId" });
    }
    const title = attendee.title ?? "镇街工作人员";
    const created = await tx.minutesWitnessSignature.createManyAndReturn({
      data: [{ versionId: latest.id, attendeeId: attendee.id, accountId: actor.accountId, name: attendee.name, title }],
      skipDuplicates: true,
      select: { id: true },
    });
    const row = created[0];
    if (!row)
      throw new AppError("conflict", "you have already signed this version as a witness", { field: "meetingId", details: { reason: "already_witnessed" } });
    await appendAudit(tx, {
      orgId: meeting.orgId,
      meetingId: meeting.id,
      actor: auditActor,
      action: "minutes.township_witnessed",
      object: { type: "minutes", id: latest.id },
      data: { version: latest.version, sha256: latest.sha256, attendee: attendee.id, name: attendee.name, title },
    });
    afterCommit(tx, { type: "minutes.status", orgId: meeting.orgId, meetingId: meeting.id });
    return { meetingId: meeting.id, orgId: meeting.orgId, versionId: latest.id, version: latest.version, id: row.id };
  });
}
