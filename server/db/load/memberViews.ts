/**
 * What members' phones need beyond the shared view — their attendance, recusals and ballots — read for several
 * persons at once. A vote batch reads its voters' views inside its own transaction (server/commands/live), for every
 * meeting it touched with one set of queries; the member's view on joining reads them through
 * server/queries/memberView.ts.
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

/** The client or a transaction: a vote batch reads its voters' views in its own transaction. */
type Db = Tx;

/** The member views of several persons of one meeting, read together (inside a transaction when `db` is one). */
export async function memberViews(meetingId: string, personIds: string[], db: Db = currentDb().prisma): Promise<Map<string, MemberView>> {
  return (await memberViewsByMeeting(new Map([[meetingId, personIds]]), db)).get(meetingId) ?? new Map();
}

type MotionRow = { id: string; method: string; entitled: unknown; meetingId: string; itemId: string | null };

/** The lookup key of a pair of ids (meeting and person, item and person, motion and voter). */
const key = (a: string, b: string) => `${a}|${b}`;

/**
 * The member views of several meetings' persons (meeting id → person ids), with the same eight queries however many
 * meetings there are: a vote batch on a district's evening holds votes of dozens of meetings, and reading them one
 * meeting at a time made a batch wait for hundreds of queries in turn. A meeting that does not exist fails the read.
 */
export async function memberViewsByMeeting(wanted: Map<string, string[]>, db: Db = currentDb().prisma): Promise<Map<string, Map<string, MemberView>>> {
  const meetingIds = [...wanted.keys()];
  const everyone = [...new Set([...wanted.values()].flat())];
  const meetings = await db.meeting.findMany({
    where: { id: { in: meetingIds } },
    select: { id: true, currentItemId: true, body: { select: { members: { where: { personId: { in: everyone } }, select: { personId: true } } } } },
  });
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const missing = meetingIds.find((id) => !byId.has(id));
  // The same not-found error as reading that one meeting alone.
  if (missing !== undefined) await db.meeting.findUniqueOrThrow({ where: { id: missing }, select: { id: true } });
  const itemIds = meetings.flatMap((m) => (m.currentItemId ? [m.currentItemId] : []));
  const attendance = new Map(
    (
      await db.attendance.findMany({
        where: { meetingId: { in: meetingIds }, personId: { in: everyone } },
        select: { meetingId: true, personId: true, status: true },
      })
    ).map((a) => [key(a.meetingId, a.personId), a.status]),
  );
  const recusals = await db.recusal.findMany({
    where: { personId: { in: everyone }, item: { meetingId: { in: meetingIds } } },
    select: { personId: true, itemId: true, item: { select: { meetingId: true } } },
  });
  // The latest motion past its draft on each meeting's current item (the order of a findFirst by createdAt desc).
  const motionOf = new Map<string, MotionRow>();
  if (itemIds.length > 0) {
    const motions = await db.motion.findMany({
      where: { itemId: { in: itemIds }, meetingId: { in: meetingIds }, state: { not: "draft" } },
      orderBy: { createdAt: "desc" },
      select: { id: true, method: true, entitled: true, meetingId: true, itemId: true },
    });
    for (const motion of motions) {
      if (motion.itemId === byId.get(motion.meetingId)?.currentItemId && !motionOf.has(motion.meetingId)) motionOf.set(motion.meetingId, motion);
    }
  }
  const ballots = await ballotsFor(db, wanted, motionOf);
  const requested = new Set(
    itemIds.length > 0
      ? (
          await db.speakerRequest.findMany({
            where: { itemId: { in: itemIds }, personId: { in: everyone }, finishedAt: null, withdrawnAt: null },
            select: { itemId: true, personId: true },
          })
        ).map((r) => key(r.itemId, r.personId))
      : [],
  );
  const names = new Map(
    (await db.person.findMany({ where: { id: { in: [...new Set([...everyone, ...ballots.voterIds])] } }, select: { id: true, name: true } })).map((p) => [
      p.id,
      p.name,
    ]),
  );
  const result = new Map<string, Map<string, MemberView>>();
  for (const [meetingId, personIds] of wanted) {
    const meeting = byId.get(meetingId);
    const members = new Set(meeting?.body.members.map((m) => m.personId));
    const views = new Map<string, MemberView>();
    for (const personId of personIds) {
      const name = names.get(personId);
      if (name === undefined) continue;
      views.set(personId, {
        personId,
        name,
        isMember: members.has(personId),
        attendance: attendance.get(key(meetingId, personId)) ?? "absent",
        recusedItemIds: recusals.filter((r) => r.personId === personId && r.item.meetingId === meetingId).map((r) => r.itemId),
        ballots: (ballots.of.get(key(meetingId, personId)) ?? []).map((b) => ({
          motionId: b.motionId,
          voterPersonId: b.voterPersonId,
          voterName: names.get(b.voterPersonId) ?? "",
          isOwn: b.isOwn,
          choice: b.choice,
          hasVoted: b.hasVoted,
        })),
        hasRequestedFloor: meeting?.currentItemId ? requested.has(key(meeting.currentItemId, personId)) : false,
      });
    }
    result.set(meetingId, views);
  }
  return result;
}

type Ballot = Omit<MemberView["ballots"][number], "voterName">;

/** Per meeting and person: the ballots they cast on its motion (their own and proxies held), with what is recorded. */
async function ballotsFor(db: Db, wanted: Map<string, string[]>, motionOf: Map<string, MotionRow>): Promise<{ of: Map<string, Ballot[]>; voterIds: string[] }> {
  const held: { meetingId: string; motion: MotionRow; voterPersonId: string; castByPersonId: string }[] = [];
  for (const [meetingId, personIds] of wanted) {
    const motion = motionOf.get(meetingId);
    if (!motion || (motion.method !== "named" && motion.method !== "secret")) continue;
    const persons = new Set(personIds);
    for (const v of (motion.entitled as FrozenVoters).voters) if (persons.has(v.castByPersonId)) held.push({ meetingId, motion, ...v });
  }
  const voterIds = [...new Set(held.map((h) => h.voterPersonId))];
  const byMethod = (method: string) => [...new Set(held.filter((h) => h.motion.method === method).map((h) => h.motion.id))];
  const namedMotions = byMethod("named");
  const secretMotions = byMethod("secret");
  const choices = new Map(
    namedMotions.length > 0
      ? (
          await db.voteRecord.findMany({
            where: { motionId: { in: namedMotions }, voterPersonId: { in: voterIds } },
            select: { motionId: true, voterPersonId: true, choice: true },
          })
        ).map((v) => [key(v.motionId, v.voterPersonId), v.choice])
      : [],
  );
  const participated = new Set(
    secretMotions.length > 0
      ? (
          await db.ballotParticipation.findMany({
            where: { motionId: { in: secretMotions }, voterPersonId: { in: voterIds } },
            select: { motionId: true, voterPersonId: true },
          })
        ).map((p) => key(p.motionId, p.voterPersonId))
      : [],
  );
  const of = new Map<string, Ballot[]>();
  for (const h of held) {
    const k = key(h.meetingId, h.castByPersonId);
    const list = of.get(k) ?? [];
    of.set(k, list);
    const recorded = key(h.motion.id, h.voterPersonId);
    list.push({
      motionId: h.motion.id,
      voterPersonId: h.voterPersonId,
      isOwn: h.voterPersonId === h.castByPersonId,
      choice: choices.get(recorded) ?? null,
      hasVoted: h.motion.method === "secret" ? participated.has(recorded) : choices.has(recorded),
    });
  }
  return { of, voterIds };
}
