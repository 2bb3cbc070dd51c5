/**
 * Where a meeting's minutes stand: the finalized versions, the latest one's signatures, who still has to sign, and
 * what a given account may do. Plain data from the database, for pages, socket events and commands alike.
 */
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { type BodyRoleName, bodyRolesOf, type OrgRoleName } from "../auth/permissions";
import { type MinutesCapabilities, minutesCapabilities } from "./permissions";
import { missingSigners, type RequiredSigner, requiredSigners } from "./signers";

type Reader = PrismaClient | Prisma.TransactionClient;

export type MinutesVersionInfo = {
  id: string;
  version: number;
  sha256: string;
  reason: string | null;
  finalizedAt: string;
  signatures: SignatureInfo[];
};

/** How a signature was made: on the signer's own phone, on the printed sheet (scan kept), or 代书 with two witnesses. */
export type SignatureMethod = "account" | "paper" | "assisted";

export type SignatureInfo = {
  personId: string;
  name: string;
  role: string;
  signedAt: string;
  method: SignatureMethod;
  /** paper: the scan of the signed page (its SHA-256 is in the audit entry too). */
  scan: { id: string; sha256: string; filename: string } | null;
  /** assisted: the two witnesses who confirmed. */
  witnesses: string[];
};

/** A 代书 waiting for its witnesses: it counts as a signature once both have confirmed. */
export type PendingAssisted = {
  personId: string;
  name: string;
  witnesses: { personId: string; name: string; confirmedAt: string | null }[];
};

export type MinutesStatus = {
  meetingId: string;
  orgId: string;
  bodyId: string;
  isPublic: boolean;
  meetingState: string;
  membersEditMinutes: boolean;
  required: RequiredSigner[];
  latest: (MinutesVersionInfo & { missing: RequiredSigner[]; isComplete: boolean; pendingAssisted: PendingAssisted[] }) | null;
  versionCount: number;
  /** Who may witness a 代书: the chair and the attendees present in person, with an account of their own; never the recorder. */
  witnessCandidates: { personId: string; name: string }[];
};

export async function loadMinutesStatus(db: Reader, meetingId: string): Promise<MinutesStatus | null> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      orgId: true,
      bodyId: true,
      isPublic: true,
      state: true,
      body: { select: { charter: true, chair: { select: { id: true, name: true } }, recorder: { select: { id: true, name: true } } } },
      attendance: { select: { personId: true, status: true } },
      minutesVersions: {
        orderBy: { version: "desc" },
        take: 1,
        include: {
          signatures: { orderBy: [{ signedAt: "asc" }, { personId: "asc" }], include: { scan: { select: { id: true, sha256: true, filename: true } } } },
          assisted: { orderBy: { requestedAt: "asc" } },
        },
      },
      _count: { select: { minutesVersions: true } },
    },
  });
  if (!meeting) return null;
  const latestRow = meeting.minutesVersions[0];
  const ids = [
    ...new Set([
      ...meeting.attendance.map((a) => a.personId),
      ...(latestRow?.signatures.flatMap((s) => [s.personId, ...s.witnessIds]) ?? []),
      ...(latestRow?.assisted.flatMap((a) => [a.personId, a.witness1Id, a.witness2Id]) ?? []),
    ]),
  ];
  const people = await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, createdAt: true } });
  const names: Record<string, string> = Object.fromEntries(people.map((p) => [p.id, p.name]));
  // Roster order (register order) so that the list of signers reads the same everywhere.
  const order = new Map(people.map((p) => [p.id, `${p.createdAt.toISOString()}|${p.id}`]));
  const attendance = [...meeting.attendance].sort((a, b) => ((order.get(a.personId) ?? "") < (order.get(b.personId) ?? "") ? -1 : 1));
  const chair = meeting.body.chair ? { personId: meeting.body.chair.id, name: meeting.body.chair.name } : null;
  const recorder = meeting.body.recorder ? { personId: meeting.body.recorder.id, name: meeting.body.recorder.name } : null;
  const required = requiredSigners({ chair, recorder, attendance, names });
  const row = latestRow;
  const charter = (meeting.body.charter ?? {}) as { membersEditMinutes?: unknown };
  let latest: MinutesStatus["latest"] = null;
  if (row) {
    const signed = new Set(row.signatures.map((s) => s.personId));
    const missing = missingSigners(required, signed);
    const nameOf = (id: string) => names[id] ?? id;
    latest = {
      id: row.id,
      version: row.version,
      sha256: row.sha256,
      reason: row.reason,
      finalizedAt: row.finalizedAt.toISOString(),
      signatures: row.signatures.map((s) => ({
        personId: s.personId,
        name: nameOf(s.personId),
        role: s.role,
        signedAt: s.signedAt.toISOString(),
        method: s.method as SignatureMethod,
        scan: s.scan,
        witnesses: s.witnessIds.map(nameOf),
      })),
      missing,
      isComplete: missing.length === 0,
      pendingAssisted: row.assisted
        .filter((a) => !signed.has(a.personId))
        .map((a) => ({
          personId: a.personId,
          name: nameOf(a.personId),
          witnesses: [
            { personId: a.witness1Id, name: nameOf(a.witness1Id), confirmedAt: a.confirmed1At?.toISOString() ?? null },
            { personId: a.witness2Id, name: nameOf(a.witness2Id), confirmedAt: a.confirmed2At?.toISOString() ?? null },
          ],
        })),
    };
  }
  const inPerson = attendance.filter((a) => a.status === "present_in_person").map((a) => ({ personId: a.personId, name: names[a.personId] ?? a.personId }));
  const candidates = [...(chair ? [chair] : []), ...inPerson].filter(
    (c, i, all) => c.personId !== recorder?.personId && all.findIndex((x) => x.personId === c.personId) === i,
  );
  const withAccounts = new Set(
    (await db.account.findMany({ where: { personId: { in: candidates.map((c) => c.personId) }, disabled: false }, select: { personId: true } })).map(
      (a) => a.personId,
    ),
  );
  return {
    meetingId: meeting.id,
    orgId: meeting.orgId,
    bodyId: meeting.bodyId,
    isPublic: meeting.isPublic,
    meetingState: meeting.state,
    membersEditMinutes: charter.membersEditMinutes === true,
    required,
    latest,
    versionCount: meeting._count.minutesVersions,
    witnessCandidates: candidates.filter((c) => withAccounts.has(c.personId)).map((c) => ({ personId: c.personId, name: c.name })),
  };
}

export type MinutesAccess = {
  status: MinutesStatus;
  capabilities: MinutesCapabilities;
  personId: string | null;
  bodyRoles: BodyRoleName[];
};

/** What `accountId` (null: anonymous) may do with the minutes of `meetingId`; null when the meeting does not exist. */
export async function loadMinutesAccess(db: Reader, accountId: string | null, meetingId: string): Promise<MinutesAccess | null> {
  const status = await loadMinutesStatus(db, meetingId);
  if (!status) return null;
  let bodyRoles: BodyRoleName[] = [];
  let orgRoles: OrgRoleName[] = [];
  let personId: string | null = null;
  let isOrgPerson = false;
  let isTownshipAttendee = false;
  if (accountId) {
    const account = await db.account.findUnique({
      where: { id: accountId },
      select: {
        personId: true,
        disabled: true,
        person: { select: { orgId: true, deletedAt: true } },
        roles: { where: { orgId: status.orgId }, select: { role: true } },
      },
    });
    if (account && !account.disabled) {
      personId = account.personId;
      isOrgPerson = account.person?.orgId === status.orgId && account.person.deletedAt === null;
      orgRoles = account.roles.flatMap((r) => (r.role === "reviewer" ? [] : [r.role]));
      bodyRoles = await bodyRolesOf(db as Prisma.TransactionClient, accountId, status.bodyId);
      isTownshipAttendee = (await db.nonVotingAttendee.count({ where: { meetingId, accountId } })) > 0;
    }
  }
  const capabilities = minutesCapabilities({
    isPublic: status.isPublic,
    meetingState: status.meetingState,
    bodyRoles,
    orgRoles,
    isOrgPerson,
    isTownshipAttendee,
    membersEditMinutes: status.membersEditMinutes,
    latest: status.latest ? { isComplete: status.latest.isComplete } : null,
    isRequiredSigner: personId !== null && status.required.some((s) => s.personId === personId),
    hasSignedLatest: personId !== null && (status.latest?.signatures.some((s) => s.personId === personId) ?? false),
  });
  return { status, capabilities, personId, bodyRoles };
}
