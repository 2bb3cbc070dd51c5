import { latestCheckpoint } from "../audit/store";
import { currentDb } from "../db";
import type { RequiredSigner } from "../minutes/signers";
import { loadMinutesAccess, type MinutesAccess, type SignatureMethod } from "../minutes/status";

export type MinutesVersionView = {
  id: string;
  version: number;
  text: string;
  sha256: string;
  reason: string | null;
  finalizedAt: string;
  signatures: { personId: string; name: string; role: string; signedAt: string; method: SignatureMethod; witnesses: string[]; scanSha256: string | null }[];
  /** Township reviewers who attended and signed this version as witnesses (issue #20): not required signers. */
  townshipWitnesses: { name: string; title: string; signedAt: string }[];
};

export type MinutesExport = {
  meeting: { id: string; title: string; number: string; bodyName: string; orgName: string; shortCode: string; startsAt: string; place: string };
  versions: MinutesVersionView[];
  /** The organization's latest signed audit checkpoint (c2sp signed note), if one exists. */
  checkpoint: { note: string; size: number } | null;
  /** Everyone who signs (chair, recorder, each attendee): the PDF and the sign-in sheet give each a line. */
  required: RequiredSigner[];
  access: MinutesAccess;
};

/**
 * Every finalized version of a meeting's minutes (oldest first) with signatures, and the latest audit checkpoint:
 * what the print view, the PDF and the version comparison show. Null when the meeting does not exist or the
 * viewer may not read its minutes.
 */
export async function minutesExport(accountId: string | null, meetingId: string): Promise<MinutesExport | null> {
  const access = await loadMinutesAccess(currentDb().prisma, accountId, meetingId);
  if (!access?.capabilities.canRead) return null;
  return minutesExportOf(access, meetingId);
}

/**
 * The same record for the archive package (server/queries/archivePackage.ts), which authorizes its readers itself
 * (the village's admin and supervisors, the township's staff). Null when the meeting does not exist.
 */
export async function archivedMinutes(meetingId: string): Promise<MinutesExport | null> {
  const access = await loadMinutesAccess(currentDb().prisma, null, meetingId);
  return access ? minutesExportOf(access, meetingId) : null;
}

async function minutesExportOf(access: MinutesAccess, meetingId: string): Promise<MinutesExport | null> {
  const { prisma } = currentDb();
  const meeting = await prisma.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      title: true,
      number: true,
      shortCode: true,
      startsAt: true,
      place: true,
      org: { select: { name: true } },
      body: { select: { name: true } },
      minutesVersions: {
        orderBy: { version: "asc" },
        include: {
          signatures: { orderBy: [{ signedAt: "asc" }, { personId: "asc" }], include: { scan: { select: { sha256: true } } } },
          witnessSignatures: { orderBy: { signedAt: "asc" }, select: { name: true, title: true, signedAt: true } },
        },
      },
    },
  });
  if (!meeting) return null;
  const signerIds = [...new Set(meeting.minutesVersions.flatMap((v) => v.signatures.flatMap((s) => [s.personId, ...s.witnessIds])))];
  const people = await prisma.person.findMany({ where: { id: { in: signerIds } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  const checkpoint = await latestCheckpoint(access.status.orgId);
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      number: meeting.number,
      bodyName: meeting.body.name,
      orgName: meeting.org.name,
      shortCode: meeting.shortCode,
      startsAt: meeting.startsAt.toISOString(),
      place: meeting.place,
    },
    versions: meeting.minutesVersions.map((v) => ({
      id: v.id,
      version: v.version,
      text: v.text,
      sha256: v.sha256,
      reason: v.reason,
      finalizedAt: v.finalizedAt.toISOString(),
      signatures: v.signatures.map((s) => ({
        personId: s.personId,
        name: names.get(s.personId) ?? s.personId,
        role: s.role,
        signedAt: s.signedAt.toISOString(),
        method: s.method as SignatureMethod,
        witnesses: s.witnessIds.map((id) => names.get(id) ?? id),
        scanSha256: s.scan?.sha256 ?? null,
      })),
      townshipWitnesses: v.witnessSignatures.map((w) => ({ name: w.name, title: w.title, signedAt: w.signedAt.toISOString() })),
    })),
    checkpoint: checkpoint ? { note: checkpoint.note, size: checkpoint.size } : null,
    required: access.status.required,
    access,
  };
}
