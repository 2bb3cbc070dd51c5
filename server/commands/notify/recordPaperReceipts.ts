import { createHash } from "node:crypto";
import { z } from "zod";
import { type AppendInput, appendAuditMany } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import { chinaInstant } from "../../time";
import type { Actor } from "../actor";
import { cleanFilename, detectMaterialType, MATERIAL_MAX_BYTES } from "../meeting/materialType";
import { runCommand } from "../run";
import { noticeMeeting, requireBeforeMeeting } from "./noticeMeeting";

const schema = z.strictObject({
  meetingId: z.string().min(1),
  /** Members whose signature is on the paper 签收单. */
  personIds: z.array(z.string().min(1)).min(1, "请勾选已签收的成员 (tick at least one member)").max(2_000),
  /** The day they signed (the date written on the sheet), Asia/Shanghai. */
  signedOn: z.iso.date(),
  scan: z.strictObject({ filename: z.string().max(500), data: z.instanceof(Uint8Array) }).optional(),
});

/**
 * The clerk ticks the members who signed the printed 签收单; the scanned page, when uploaded, is kept and its SHA-256
 * goes into the log, so the paper can be checked against the record later. A paper receipt is both delivery and
 * receipt, on the day written on the sheet — which may not lie in the future.
 */
export function recordPaperReceipts(input: unknown, actor: Actor, now: Date = new Date()): Promise<{ recorded: number; scanSha256: string | null }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const meeting = await noticeMeeting(tx, data.meetingId);
    const auditActor = await requireOrgRole(tx, actor, meeting.orgId, ["admin"]);
    requireBeforeMeeting(meeting.state);
    const signedAt = chinaInstant(data.signedOn, "12:00");
    if (signedAt.getTime() > now.getTime() + 12 * 3_600_000) {
      throw new AppError("invalid_input", "the signing date is in the future", { field: "signedOn", details: { reason: "future" } });
    }
    const onRoster = new Set(meeting.roster.map((m) => m.personId));
    const stranger = data.personIds.find((id) => !onRoster.has(id));
    if (stranger) throw new AppError("invalid_input", "not a member of this body", { field: "personIds", details: { reason: "not_member" } });
    let scanSha256: string | null = null;
    const audit: AppendInput[] = [];
    if (data.scan) {
      const bytes = data.scan.data;
      if (bytes.byteLength === 0) throw new AppError("invalid_input", "empty file", { field: "scan", details: { reason: "empty" } });
      if (bytes.byteLength > MATERIAL_MAX_BYTES)
        throw new AppError("invalid_input", "file larger than 20 MB", { field: "scan", details: { reason: "too_large" } });
      const mime = detectMaterialType(bytes);
      if (!mime) throw new AppError("invalid_input", "only PDF, PNG, JPEG or WebP", { field: "scan", details: { reason: "type" } });
      scanSha256 = createHash("sha256").update(bytes).digest("hex");
      const filename = cleanFilename(data.scan.filename);
      const scan = await tx.receiptScan.create({
        data: { orgId: meeting.orgId, meetingId: meeting.id, filename, mime, size: bytes.byteLength, sha256: scanSha256, data: Buffer.from(bytes) },
        select: { id: true },
      });
      audit.push({
        orgId: meeting.orgId,
        meetingId: meeting.id,
        actor: auditActor,
        action: "notice.receipt_scanned",
        object: { type: "receipt_scan", id: scan.id },
        data: { filename, mime, size: bytes.byteLength, sha256: scanSha256, members: data.personIds.length },
        now,
      });
    }
    let recorded = 0;
    for (const personId of [...new Set(data.personIds)]) {
      const key = { meetingId_personId_channel: { meetingId: meeting.id, personId, channel: "paper" } };
      const row = await tx.noticeDelivery.findUnique({ where: key, select: { status: true } });
      if (row?.status === "received") continue;
      await tx.noticeDelivery.upsert({
        where: key,
        create: {
          orgId: meeting.orgId,
          meetingId: meeting.id,
          personId,
          channel: "paper",
          status: "received",
          attempts: 1,
          sentAt: signedAt,
          receivedAt: signedAt,
        },
        update: { status: "received", sentAt: signedAt, receivedAt: signedAt },
      });
      audit.push({
        orgId: meeting.orgId,
        meetingId: meeting.id,
        actor: auditActor,
        action: "notice.received",
        object: { type: "person", id: personId },
        data: { channel: "paper", signedOn: data.signedOn, scanSha256 },
        now,
      });
      recorded += 1;
    }
    await appendAuditMany(tx, audit);
    return { recorded, scanSha256 };
  });
}
