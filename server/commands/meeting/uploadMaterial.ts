import { createHash } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { cleanFilename, detectMaterialType, MATERIAL_MAX_BYTES } from "./materialType";

const schema = z.strictObject({
  meetingId: z.string().min(1),
  filename: z.string().max(500),
  data: z.instanceof(Uint8Array),
});

/**
 * Attaches a material (PDF or image, ≤ 20 MB) to a meeting. The type comes from the file's first bytes, not from
 * what the browser claims; the SHA-256 goes into the log so a printed copy can be checked against it later.
 */
export function uploadMaterial(input: unknown, actor: Actor): Promise<{ id: string; mime: string; size: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const meeting = await tx.meeting.findUnique({ where: { id: data.meetingId }, select: { orgId: true, state: true } });
    if (!meeting) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
    const auditActor = await requireOrgRole(tx, actor, meeting.orgId, ["admin"]);
    if (meeting.state === "archived") throw new AppError("conflict", "the meeting is archived", { field: "meetingId", details: { reason: "archived" } });
    if (data.data.byteLength > MATERIAL_MAX_BYTES) {
      throw new AppError("invalid_input", "file larger than 20 MB", { field: "file", details: { reason: "too_large" } });
    }
    if (data.data.byteLength === 0) throw new AppError("invalid_input", "empty file", { field: "file", details: { reason: "empty" } });
    const mime = detectMaterialType(data.data);
    if (!mime) throw new AppError("invalid_input", "only PDF, PNG, JPEG or WebP", { field: "file", details: { reason: "type" } });
    const filename = cleanFilename(data.filename);
    const sha256 = createHash("sha256").update(data.data).digest("hex");
    const material = await tx.material.create({
      data: { meetingId: data.meetingId, filename, mime, size: data.data.byteLength, sha256, data: Buffer.from(data.data) },
      select: { id: true },
    });
    await appendAudit(tx, {
      orgId: meeting.orgId,
      meetingId: data.meetingId,
      actor: auditActor,
      action: "material.uploaded",
      object: { type: "material", id: material.id },
      data: { filename, mime, size: data.data.byteLength, sha256 },
    });
    return { id: material.id, mime, size: data.data.byteLength };
  });
}
