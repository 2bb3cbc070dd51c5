import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireBodyRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import { witnessProblem } from "../../minutes/witnessRules";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { recordableSigner, versionBeingSigned } from "./signOff";

const schema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  versionId: z.string().min(1).max(64),
  personId: z.string().min(1).max(64),
  witness1: z.string().min(1).max(64),
  witness2: z.string().min(1).max(64),
});

export type RequestedAssisted = { meetingId: string; personId: string; witnesses: [string, string]; replaced: boolean };

/**
 * 代书: the attendee is present and cannot sign, so the recorder writes the name and the attendee adds a fingerprint;
 * two named witnesses from the hall (witnessRules.ts) then confirm on their own phones. Until both have, the
 * signature is pending and does not count. Recording again for the same person (a witness named by mistake) replaces
 * the pending request and its confirmations; the log keeps both (`minutes.assist_requested`).
 */
export async function requestAssistedSignature(input: unknown, actor: Actor): Promise<RequestedAssisted> {
  const result = await runCommand(schema, input, actor, async (tx, data) => {
    const meeting = await tx.meeting.findUnique({ where: { id: data.meetingId }, select: { bodyId: true } });
    if (!meeting) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
    const auditActor = await requireBodyRole(tx, actor, meeting.bodyId, ["recorder"]);
    const signing = await versionBeingSigned(tx, data.meetingId, data.versionId);
    recordableSigner(signing, data.personId, "personId");
    const { status, latest } = signing;
    const problem = witnessProblem({
      signerId: data.personId,
      witnessIds: [data.witness1, data.witness2],
      recorderId: status.required.find((s) => s.role === "recorder")?.personId ?? null,
      candidates: new Set(status.witnessCandidates.map((c) => c.personId)),
    });
    if (problem) throw new AppError("invalid_input", `witness refused: ${problem.reason}`, { field: problem.field, details: { reason: problem.reason } });
    const key = { versionId_personId: { versionId: latest.id, personId: data.personId } };
    const replaced = (await tx.assistedSignature.findUnique({ where: key, select: { personId: true } })) !== null;
    const fields = {
      witness1Id: data.witness1,
      witness2Id: data.witness2,
      confirmed1At: null,
      confirmed2At: null,
      requestedBy: actor.kind === "system" ? "system" : actor.accountId,
      requestedAt: new Date(),
    };
    await tx.assistedSignature.upsert({ where: key, create: { versionId: latest.id, personId: data.personId, ...fields }, update: fields });
    const nameOf = (id: string) => status.witnessCandidates.find((c) => c.personId === id)?.name ?? id;
    await appendAudit(tx, {
      orgId: status.orgId,
      meetingId: data.meetingId,
      actor: auditActor,
      action: "minutes.assist_requested",
      object: { type: "minutes", id: latest.id },
      data: {
        version: latest.version,
        sha256: latest.sha256,
        personId: data.personId,
        witnesses: [data.witness1, data.witness2].map((id) => ({ personId: id, name: nameOf(id) })),
        replaced,
      },
    });
    afterCommit(tx, { type: "minutes.status", orgId: status.orgId, meetingId: data.meetingId });
    return { meetingId: data.meetingId, personId: data.personId, witnesses: [data.witness1, data.witness2] as [string, string], replaced };
  });
  return result;
}
