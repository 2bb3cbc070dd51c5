import { createHash } from "node:crypto";
import { z } from "zod";
import { appendAuditMany } from "../../audit/append";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { cleanFilename, detectMaterialType } from "../meeting/materialType";
import { runCommand } from "../run";
import { eligiblePerson } from "./eligibility";

/** At most three files of 10 MB each: photos from a phone, or a PDF. */
export const PROPOSAL_ATTACHMENTS_MAX = 3;
export const PROPOSAL_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

const schema = z.strictObject({
  orgId: z.string().min(1),
  title: z.string().trim().min(2, "请写议题名称 (a title of at least 2 characters)").max(100),
  description: z.string().trim().max(2000, "说明不超过2000字 (at most 2,000 characters)").default(""),
  attachments: z.array(z.strictObject({ filename: z.string().max(500), data: z.instanceof(Uint8Array) })).default([]),
});

type Checked = { filename: string; mime: string; size: number; sha256: string; data: Uint8Array };

/** Each file is a PDF or an image by its first bytes (not by what the phone claims), non-empty and within the limit. */
function checkAttachments(files: { filename: string; data: Uint8Array }[]): Checked[] {
  if (files.length > PROPOSAL_ATTACHMENTS_MAX)
    throw new AppError("invalid_input", "at most 3 files", { field: "attachments", details: { reason: "too_many" } });
  return files.map((file) => {
    if (file.data.byteLength === 0) throw new AppError("invalid_input", "empty file", { field: "attachments", details: { reason: "empty" } });
    if (file.data.byteLength > PROPOSAL_ATTACHMENT_MAX_BYTES)
      throw new AppError("invalid_input", "file larger than 10 MB", { field: "attachments", details: { reason: "attachment_too_large" } });
    const mime = detectMaterialType(file.data);
    if (!mime) throw new AppError("invalid_input", "only PDF, PNG, JPEG or WebP", { field: "attachments", details: { reason: "type" } });
    return {
      filename: cleanFilename(file.filename),
      mime,
      size: file.data.byteLength,
      sha256: createHash("sha256").update(file.data).digest("hex"),
      data: file.data,
    };
  });
}

/**
 * A resident raises a topic (议题征集), with up to three photos or PDFs; they are its first signatory. The files are
 * public with the proposal; their SHA-256 goes into the log.
 */
export function submitProposal(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const { personId, auditActor } = await eligiblePerson(tx, actor, data.orgId);
    const files = checkAttachments(data.attachments);
    const proposal = await tx.proposal.create({
      data: { orgId: data.orgId, title: data.title, description: data.description, authorPersonId: personId },
      select: { id: true },
    });
    await tx.proposalSignature.create({ data: { proposalId: proposal.id, personId, orgId: data.orgId } });
    for (const file of files) {
      await tx.proposalAttachment.create({
        data: {
          orgId: data.orgId,
          proposalId: proposal.id,
          filename: file.filename,
          mime: file.mime,
          size: file.size,
          sha256: file.sha256,
          data: Buffer.from(file.data),
        },
      });
    }
    const object = { type: "proposal", id: proposal.id };
    const attachments = files.map(({ filename, mime, size, sha256 }) => ({ filename, mime, size, sha256 }));
    await appendAuditMany(tx, [
      {
        orgId: data.orgId,
        actor: auditActor,
        action: "proposal.submitted",
        object,
        data: { title: data.title, description: data.description, ...(attachments.length > 0 ? { attachments } : {}) },
      },
      { orgId: data.orgId, actor: auditActor, action: "proposal.signed", object, data: { personId, count: 1 } },
    ]);
    return { id: proposal.id };
  });
}
