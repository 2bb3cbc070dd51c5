import { bodyRolesOf } from "../auth/permissions";
import { currentDb } from "../db";
import { AppError } from "../errors";

export type ScanFile = { filename: string; mime: string; size: number; data: Uint8Array };

/**
 * The scan of a signed sheet. It shows handwriting and fingerprints (personal information, and a fingerprint is
 * sensitive personal information, PIPL 第二十八条), so only those who keep or check the record open it: the
 * meeting's chair and recorder, the organization's admin (村务档案) and its supervisors. Anyone else, and a scan of
 * another meeting, finds nothing.
 */
export async function signatureScan(accountId: string, meetingId: string, scanId: string): Promise<ScanFile> {
  const { prisma } = currentDb();
  const scan = await prisma.signatureScan.findUnique({
    where: { id: scanId },
    select: {
      filename: true,
      mime: true,
      size: true,
      data: true,
      version: { select: { meetingId: true, meeting: { select: { orgId: true, bodyId: true } } } },
    },
  });
  if (!scan || scan.version.meetingId !== meetingId) throw new AppError("not_found", "scan not found", { field: "scanId" });
  const { orgId, bodyId } = scan.version.meeting;
  const orgRoles = await prisma.orgRole.findMany({ where: { accountId, orgId, role: { in: ["admin", "supervisor"] } }, select: { role: true } });
  const bodyRoles = orgRoles.length > 0 ? [] : await bodyRolesOf(prisma, accountId, bodyId);
  if (orgRoles.length === 0 && !bodyRoles.some((r) => r === "chair" || r === "recorder"))
    throw new AppError("forbidden", "not allowed to open signature scans");
  return { filename: scan.filename, mime: scan.mime, size: scan.size, data: scan.data };
}
