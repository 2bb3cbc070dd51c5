import type { FrozenVoters } from "../domain/meeting";
import { getRuntime } from "../runtime";

export type MemberView = {
  personId: string;
  name: string;
  isMember: boolean;
  attendance: string;
  recusedItemIds: string[];
  /** The votes this person casts on the open or latest motion: their own and proxies held; with what is recorded. */
  ballots: { motionId: string; voterPersonId: string; voterName: string; isOwn: boolean; choice: string | null; hasVoted: boolean }[];
  hasRequestedFloor: boolean;
};

/** What one member's phone needs beyond the shared view: their own attendance, recusals and votes. */
export async function memberView(meetingId: string, personId: string): Promise<MemberView> {
  const { prisma } = getRuntime().db;
  const meeting = await prisma.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { currentItemId: true, body: { select: { members: { where: { personId }, select: { personId: true } } } } },
  });
  const person = await prisma.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true } });
  const attendance = await prisma.attendance.findUnique({ where: { meetingId_personId: { meetingId, personId } }, select: { status: true } });
  const recusals = await prisma.recusal.findMany({ where: { personId, item: { meetingId } }, select: { itemId: true } });
  const motion = meeting.currentItemId
    ? await prisma.motion.findFirst({ where: { meetingId, itemId: meeting.currentItemId, state: { not: "draft" } }, orderBy: { createdAt: "desc" }, select: { id: true, method: true, entitled: true } })
    : null;
  const ballots: MemberView["ballots"] = [];
  if (motion && (motion.method === "named" || motion.method === "secret")) {
    const mine = (motion.entitled as FrozenVoters).voters.filter((v) => v.castByPersonId === personId);
    const names = new Map((await prisma.person.findMany({ where: { id: { in: mine.map((v) => v.voterPersonId) } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
    for (const voter of mine) {
      const named = motion.method === "named"
        ? await prisma.voteRecord.findUnique({ where: { motionId_voterPersonId: { motionId: motion.id, voterPersonId: voter.voterPersonId } }, select: { choice: true } })
        : null;
      const participated = motion.method === "secret"
        ? (await prisma.ballotParticipation.count({ where: { motionId: motion.id, voterPersonId: voter.voterPersonId } })) > 0
        : named !== null;
      ballots.push({
        motionId: motion.id,
        voterPersonId: voter.voterPersonId,
        voterName: names.get(voter.voterPersonId) ?? "",
        isOwn: voter.voterPersonId === personId,
        choice: named?.choice ?? null,
        hasVoted: participated,
      });
    }
  }
  const requested = meeting.currentItemId
    ? await prisma.speakerRequest.count({ where: { itemId: meeting.currentItemId, personId, finishedAt: null, withdrawnAt: null } })
    : 0;
  return {
    personId,
    name: person.name,
    isMember: meeting.body.members.length > 0,
    attendance: attendance?.status ?? "absent",
    recusedItemIds: recusals.map((r) => r.itemId),
    ballots,
    hasRequestedFloor: requested > 0,
  };
}
