import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireBodyRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { FreeText } from "../../minutes/canonicalText";
import { freezeMinutes, liveFreeText } from "../../minutes/freeze";
import { loadMinutesStatus } from "../../minutes/status";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";

const schema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  reason: z.string().trim().min(2).max(500),
});

export type CorrectedMinutes = { meetingId: string; versionId: string; version: number; sha256: string; previousSha256: string };

/**
 * A correction after sign-off: the corrected text becomes a new version with the recorder's reason, to be signed
 * again; the signed version stays as it was (nothing is edited in place), and the audit log records both the new
 * hash (`minutes.snapshot`) and the correction itself (`minutes.corrected`).
 */
export async function correctMinutes(input: unknown, actor: Actor): Promise<CorrectedMinutes> {
  const result = await runCommand(
    schema,
    input,
    actor,
    async (tx, data, freeText: FreeText) => {
      const status = await loadMinutesStatus(tx, data.meetingId);
      if (!status) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
      const auditActor = await requireBodyRole(tx, actor, status.bodyId, ["recorder"]);
      const latest = status.latest;
      if (!latest) throw new AppError("conflict", "the minutes are not finalized yet", { field: "meetingId" });
      if (!latest.isComplete) throw new AppError("conflict", "the current version is still being signed", { field: "meetingId" });
      const frozen = await freezeMinutes(tx, data.meetingId, freeText);
      if (frozen.sha256 === latest.sha256) throw new AppError("conflict", "the text is unchanged: nothing to correct", { field: "reason" });
      const number = latest.version + 1;
      const version = await tx.minutesVersion.create({
        data: {
          meetingId: data.meetingId,
          version: number,
          text: frozen.text,
          sha256: frozen.sha256,
          reason: data.reason,
          finalizedBy: actor.kind === "system" ? "system" : actor.accountId,
        },
      });
      const common = { orgId: status.orgId, meetingId: data.meetingId, actor: auditActor, object: { type: "minutes", id: version.id } };
      await appendAudit(tx, {
        ...common,
        action: "minutes.snapshot",
        data: { version: number, sha256: frozen.sha256, bytes: Buffer.byteLength(frozen.text, "utf8"), reason: data.reason },
      });
      await appendAudit(tx, {
        ...common,
        action: "minutes.corrected",
        data: { version: number, sha256: frozen.sha256, previousVersion: latest.version, previousSha256: latest.sha256, reason: data.reason },
      });
      afterCommit(tx, { type: "minutes.status", orgId: status.orgId, meetingId: data.meetingId });
      return { meetingId: data.meetingId, versionId: version.id, version: number, sha256: frozen.sha256, previousSha256: latest.sha256 };
    },
    (data) => liveFreeText(data.meetingId),
  );
  return result;
}
