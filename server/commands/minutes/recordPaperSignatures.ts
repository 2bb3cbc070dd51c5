import { createHash } from "node:crypto";
import { z } from "zod";
import { requireBodyRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { cleanFilename, detectMaterialType } from "../meeting/materialType";
import { runCommand } from "../run";
import { addSignature, recordableSigner, versionBeingSigned } from "./signOff";

/** A phone photo or a scanner's PDF of one A4 page fits easily; more is not a page. */
export const SCAN_MAX_BYTES = 10 * 1024 * 1024;

const schema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  versionId: z.string().min(1).max(64),
  personIds: z.array(z.string().min(1).max(64)).min(1).max(200),
  filename: z.string().max(500),
  data: z.instanceof(Uint8Array),
});

export type RecordedPaper = { meetingId: string; orgId: string; scanId: string; sha256: string; recorded: number; isComplete: boolean; meetingState: string };

/**
 * The recorder records signatures made on the printed sheet (签到表) and uploads the scanned page: one scan, one
 * signature per person ticked, each with its `minutes.signed` entry (method "paper") carrying the scan's SHA-256, so a
 * printed page can later be matched to the log. The file is kept (type told by its first bytes, as materials). A
 * pending 代书 of the same person gives way to the paper signature.
 */
export async function recordPaperSignatures(input: unknown, actor: Actor): Promise<RecordedPaper> {
  const result = await runCommand(schema, input, actor, async (tx, data) => {
    const meeting = await tx.meeting.findUnique({ where: { id: data.meetingId }, select: { bodyId: true } });
    if (!meeting) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
    const auditActor = await requireBodyRole(tx, actor, meeting.bodyId, ["recorder"]);
    const signing = await versionBeingSigned(tx, data.meetingId, data.versionId);
    const personIds = [...new Set(data.personIds)];
    const signers = personIds.map((id) => recordableSigner(signing, id, "personIds"));
    if (data.data.byteLength === 0) throw new AppError("invalid_input", "empty file", { field: "file", details: { reason: "empty" } });
    if (data.data.byteLength > SCAN_MAX_BYTES)
      throw new AppError("invalid_input", "scan larger than 10 MB", { field: "file", details: { reason: "scan_too_large" } });
    const mime = detectMaterialType(data.data);
    if (!mime) throw new AppError("invalid_input", "only PDF, PNG, JPEG or WebP", { field: "file", details: { reason: "scan_type" } });
    const sha256 = createHash("sha256").update(data.data).digest("hex");
    const filename = cleanFilename(data.filename);
    const scan = await tx.signatureScan.create({
      data: {
        versionId: signing.latest.id,
        filename,
        mime,
        size: data.data.byteLength,
        sha256,
        data: Buffer.from(data.data),
        uploadedBy: actor.kind === "system" ? "system" : actor.accountId,
      },
      select: { id: true },
    });
    await tx.assistedSignature.deleteMany({ where: { versionId: signing.latest.id, personId: { in: personIds } } });
    for (const signer of signers) {
      await addSignature(tx, signing, {
        signer,
        method: "paper",
        actor: auditActor,
        scanId: scan.id,
        data: { scan: { id: scan.id, sha256, mime, size: data.data.byteLength, filename } },
      });
    }
    return {
      meetingId: data.meetingId,
      orgId: signing.status.orgId,
      scanId: scan.id,
      sha256,
      recorded: signers.length,
      isComplete: signing.missing.size === 0,
      meetingState: signing.meetingState,
    };
  });
  return result;
}
