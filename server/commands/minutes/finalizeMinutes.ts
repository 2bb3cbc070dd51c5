import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireBodyRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { FreeText } from "../../minutes/canonicalText";
import { freezeMinutes, liveFreeText } from "../../minutes/freeze";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";

const schema = z.strictObject({ meetingId: z.string().min(1).max(64) });

export type FinalizedMinutes = { meetingId: string; versionId: string; version: number; sha256: string };

/**
 * The recorder finalizes the minutes once the meeting has adjourned: the canonical text (record blocks + free text)
 * is frozen as version 1 and its SHA-256 enters the audit log (`minutes.snapshot`). From then on the text only
 * changes by a correction, which is a new version with a reason (DESIGN.md §3 Minutes).
 */
export async function finalizeMinutes(input: unknown, actor: Actor): Promise<FinalizedMinutes> {
  const result = await runCommand(
    schema,
    input,
    actor,
    async (tx, data, freeText: FreeText) => {
      const meeting = await tx.meeting.findUnique({ where: { id: data.meetingId }, select: { orgId: true, bodyId: true, state: true } });
      if (!meeting) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
      const auditActor = await requireBodyRole(tx, actor, meeting.bodyId, ["recorder"]);
      if (meeting.state !== "adjourned") {
        throw new AppError("conflict", "the minutes are finalized after the meeting adjourns", { field: "state", details: { state: meeting.state } });
      }
      if ((await tx.minutesVersion.count({ where: { meetingId: data.meetingId } })) > 0) {
        throw new AppError("conflict", "the minutes are already finalized; a change is a correction with a reason", { field: "meetingId" });
      }
      const frozen = await freezeMinutes(tx, data.meetingId, freeText);
      const version = await tx.minutesVersion.create({
        data: {
          meetingId: data.meetingId,
          version: 1,
          text: frozen.text,
          sha256: frozen.sha256,
          finalizedBy: actor.kind === "system" ? "system" : actor.accountId,
        },
      });
      await appendAudit(tx, {
        orgId: meeting.orgId,
        meetingId: data.meetingId,
        actor: auditActor,
        action: "minutes.snapshot",
        object: { type: "minutes", id: version.id },
        data: { version: 1, sha256: frozen.sha256, bytes: Buffer.byteLength(frozen.text, "utf8"), reason: null },
      });
      afterCommit(tx, { type: "minutes.status", orgId: meeting.orgId, meetingId: data.meetingId });
      return { meetingId: data.meetingId, versionId: version.id, version: 1, sha256: frozen.sha256 };
    },
    (data) => liveFreeText(data.meetingId),
  );
  return result;
}
