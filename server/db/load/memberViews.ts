/**
 * What members' phones need beyond the shared view — their attendance, recusals and ballots — read for several
 * persons at once. A vote batch reads its voters' views inside its own transaction (server/commands/live); the
 * member's view on joining reads them through server/queries/memberView.ts.
 */
import type { FrozenVoters } from "../../domain/meeting";
import { currentDb, type Tx } from "..";

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

/** The member views of several persons of one meeting, read together (inside a transaction when `db` is one). */
export async function memberViews(meetingId: string, personIds: string[], db: Db = currentDb().prisma): Promise<Map<string, MemberView>> {
  const prisma = db;
  const meeting = await prisma.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { currentItemId: true, body: { select: { members: { where: { personId: { in: personIds } }, select: { personId: true } } } } },
  });
  const members = new Set(meeting.body.members.map((m) => m.personId));
  const people = new Map((await prisma.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const attendance = new Map(
    (await prisma.attendance.findMany({ where: { meetingId, personId: { in: personIds } }, select: { personId: true, status: true } })).map((a) => [
      a.personId,
      a.status,
    ]),
  );
  const recusals = await prisma.recusal.findMany({ where: { personId: { in: personIds }, item: { meetingId } }, select: { personId: true, itemId: true } });
  const motion = meeting.currentItemId
    ? await prisma.motion.findFirst({
        where: { meetingId, itemId: meeting.currentItemId, state: { not: "draft" } },
        orderBy: { createdAt: "desc" },
        select: { id: true, method: true, entitled: true },
      })
    : null;
  const ballotsOf = await ballotsFor(db, motion, new Set(personIds));
  const requested = meeting.currentItemId
    ? new Set(
        (
          await prisma.speakerRequest.findMany({
            where: { itemId: meeting.currentItemId, personId: { in: personIds }, finishedAt: null, withdrawnAt: null },
            select: { personId: true },
          })
        ).map((r) => r.personId),
      )
    : new Set<string>();
  const views = new Map<string, MemberView>();
  for (const personId of personIds) {
    const name = people.get(personId);
    if (name === undefined) continue;
    views.set(personId, {
      personId,
      name,
      isMember: members.has(personId),
      attendance: attendance.get(personId) ?? "absent",
      recusedItemIds: recusals.filter((r) => r.personId === personId).map((r) => r.itemId),
      ballots: ballotsOf.get(personId) ?? [],
      hasRequestedFloor: requested.has(personId),
    });
  }
  return views;
}

type MotionRow = { id: string; method: string; entitled: unknown } | null;
/** The client or a transaction: a vote batch reads its voters' views in its own transaction. */
type Db = Tx;

/** Per person: the ballots they cast on the motion (their own and proxies held), with what is recorded. */
async function ballotsFor(prisma: Db, motion: MotionRow, personIds: Set<string>): Promise<Map<string, MemberView["ballots"]>> {
  const result = new Map<string, MemberView["ballots"]>();
  if (!motion || (motion.method !== "named" && motion.method !== "secret")) return result;
  const held = (motion.entitled as FrozenVoters).voters.filter((v) => personIds.has(v.castByPersonId));
  const voterIds = held.map((v) => v.voterPersonId);
  const names = new Map((await prisma.person.findMany({ where: { id: { in: voterIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const named =
    motion.method === "named"
      ? new Map(
          (
            await prisma.voteRecord.findMany({ where: { motionId: motion.id, voterPersonId: { in: voterIds } }, select: { voterPersonId: true, choice: true } })
          ).map((v) => [v.voterPersonId, v.choice]),
        )
      : new Map<string, string>();
  const participated =
    motion.method === "secret"
      ? new Set(
          (await prisma.ballotParticipation.findMany({ where: { motionId: motion.id, voterPersonId: { in: voterIds } }, select: { voterPersonId: true } })).map(
            (p) => p.voterPersonId,
          ),
        )
      : new Set(named.keys());
  for (const voter of held) {
    const list = result.get(voter.castByPersonId) ?? [];
    result.set(voter.castByPersonId, list);
    list.push({
      motionId: motion.id,
      voterPersonId: voter.voterPersonId,
      voterName: names.get(voter.voterPersonId) ?? "",
      isOwn: voter.voterPersonId === voter.castByPersonId,
      choice: named.get(voter.voterPersonId) ?? null,
      hasVoted: participated.has(voter.voterPersonId),
    });
  }
  return result;
}
