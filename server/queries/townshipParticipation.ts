import { bodyRolesOf, townshipOf } from "../auth/permissions";
import { currentDb } from "../db";
import { AppError } from "../errors";

/**
 * The township in a village meeting (issue #20): who of the township's reviewers attends (列席 with title), whom the
 * chair or the recorder may add, and who signed the minutes as a witness.
 */
export async function townshipAttendeePanel(viewerId: string, meetingId: string) {
  const { prisma } = currentDb();
  const meeting = await prisma.meeting.findUnique({ where: { id: meetingId }, select: { id: true, orgId: true, bodyId: true, state: true } });
  if (!meeting) throw new AppError("not_found", "meeting not found");
  const above = await townshipOf(prisma, meeting.orgId);
  if (!above) return null;
  const roles = await bodyRolesOf(prisma, viewerId, meeting.bodyId);
  const isOfficer = roles.includes("chair") || roles.includes("recorder");
  const attending = await prisma.nonVotingAttendee.findMany({
    where: { meetingId, accountId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, title: true, affiliation: true, accountId: true },
  });
  const open = meeting.state === "scheduled" || meeting.state === "in_session";
  const reviewers =
    isOfficer && open
      ? await prisma.account.findMany({
          where: { disabled: false, roles: { some: { orgId: above.townshipId, role: "reviewer" } } },
          orderBy: { displayName: "asc" },
          select: { id: true, displayName: true },
        })
      : [];
  const taken = new Set(attending.map((a) => a.accountId));
  return {
    canAdd: isOfficer && open,
    reviewers: reviewers.filter((r) => !taken.has(r.id)).map((r) => ({ accountId: r.id, name: r.displayName })),
    attending: attending.map((a) => ({ id: a.id, name: a.name, title: a.title, affiliation: a.affiliation })),
  };
}

export type MinutesWitnesses = {
  latest: { id: string; version: number } | null;
  signatures: { name: string; title: string; signedAt: Date; version: number }[];
  /** The viewer is a reviewer recorded as attending and has not signed the latest version yet. */
  canSign: boolean;
};

/** Witness signatures of a meeting's minutes, every version, and whether the viewer may sign the latest one. */
export async function minutesWitnesses(accountId: string | null, meetingId: string): Promise<MinutesWitnesses> {
  const { prisma } = currentDb();
  const versions = await prisma.minutesVersion.findMany({
    where: { meetingId },
    orderBy: { version: "asc" },
    select: {
      id: true,
      version: true,
      witnessSignatures: { orderBy: { signedAt: "asc" }, select: { name: true, title: true, signedAt: true, accountId: true } },
    },
  });
  const latest = versions.at(-1) ?? null;
  let canSign = false;
  if (accountId && latest && !latest.witnessSignatures.some((s) => s.accountId === accountId)) {
    const attendee = await prisma.nonVotingAttendee.findFirst({ where: { meetingId, accountId }, select: { meeting: { select: { orgId: true } } } });
    const above = attendee ? await townshipOf(prisma, attendee.meeting.orgId) : null;
    canSign = above !== null && (await prisma.orgRole.count({ where: { accountId, orgId: above.townshipId, role: "reviewer" } })) > 0;
  }
  return {
    latest: latest ? { id: latest.id, version: latest.version } : null,
    signatures: versions.flatMap((v) => v.witnessSignatures.map((s) => ({ name: s.name, title: s.title, signedAt: s.signedAt, version: v.version }))),
    canSign,
  };
}
