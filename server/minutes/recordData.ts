/**
 * The facts the minutes' locked record blocks are built from, read from the database as plain data (RULES.md §6:
 * body and number, convener, notice date, time, place, form, chair and recorder, attendance, each motion's vote).
 * Both the Next side (pages, print view, PDF) and the server process (finalize, live blocks) read it here.
 */
import type { Prisma, PrismaClient } from "../../generated/prisma/client";

type Reader = PrismaClient | Prisma.TransactionClient;

export type RecordPerson = { personId: string; name: string; householdId: string | null; householdNumber: string | null; isAdult: boolean };

export type RecordMotion = {
  id: string;
  itemId: string;
  text: string;
  matterKind: string;
  method: string;
  state: string;
  expected: number | null;
  present: number | null;
  households: number | null;
  presentHouseholds: number | null;
  recusedCount: number | null;
  enteredTotals: unknown;
  counters: unknown;
  scrutineers: unknown;
  result: unknown;
  closedAt: string | null;
  announcedAt: string | null;
};

export type RecordItem = {
  id: string;
  position: number;
  title: string;
  matter: {
    title: string;
    kind: string;
    stage: string;
    /** The township's approved legality pre-review (issue #20), as recorded: who and when. */
    preReview?: { name: string; title: string | null; at: string } | null;
  } | null;
  speakers: { personId: string; grantedAt: string }[];
  recusals: { personId: string; reason: string }[];
};

export type MinutesRecordData = {
  meeting: {
    id: string;
    orgId: string;
    orgName: string;
    bodyId: string;
    bodyName: string;
    bodyKind: string;
    charter: unknown;
    number: string;
    title: string;
    startsAt: string;
    place: string;
    form: string;
    noticeDate: string | null;
    convenerBasis: string;
    petitioners: number | null;
    isPublic: boolean;
    state: string;
    openedAt: string | null;
    adjournedAt: string | null;
  };
  chair: { personId: string; name: string } | null;
  recorder: { personId: string; name: string } | null;
  roster: RecordPerson[];
  attendance: { personId: string; status: string; proxyHolderId: string | null; authorizationNote: string | null }[];
  nonVoting: { name: string; affiliation: string | null; title?: string | null }[];
  /** Names of everyone the record mentions (roster, proxy holders, speakers, counters), by person id. */
  names: Record<string, string>;
  /** Facts of proxy holders who are not on the roster. */
  outsiders: RecordPerson[];
  items: RecordItem[];
  motions: RecordMotion[];
};

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

const personSelect = { id: true, name: true, householdId: true, isAdult: true, household: { select: { number: true } } } as const;

type PersonRow = { id: string; name: string; householdId: string | null; isAdult: boolean; household: { number: string } | null };

function toPerson(row: PersonRow): RecordPerson {
  return { personId: row.id, name: row.name, householdId: row.householdId, householdNumber: row.household?.number ?? null, isAdult: row.isAdult };
}

/** Everything the record blocks need, or null when the meeting does not exist. */
export async function loadRecordData(db: Reader, meetingId: string): Promise<MinutesRecordData | null> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: {
      org: { select: { name: true } },
      body: {
        select: {
          id: true,
          name: true,
          kind: true,
          charter: true,
          chair: { select: { id: true, name: true } },
          recorder: { select: { id: true, name: true } },
          // Roster order is the register's order (households first, then people), stable across reads.
          members: { select: { person: { select: personSelect } }, orderBy: [{ person: { createdAt: "asc" } }, { personId: "asc" }] },
        },
      },
      attendance: { orderBy: { personId: "asc" } },
      nonVoting: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      agenda: {
        orderBy: { position: "asc" },
        include: {
          matter: {
            select: {
              title: true,
              kind: true,
              stage: true,
              preReviews: {
                where: { state: "approved" },
                orderBy: { decidedAt: "desc" },
                take: 1,
                select: { reviewerName: true, reviewerTitle: true, decidedAt: true },
              },
            },
          },
          speakers: { where: { grantedAt: { not: null } }, orderBy: [{ grantedAt: "asc" }, { id: "asc" }] },
          recusals: { orderBy: [{ declaredAt: "asc" }, { personId: "asc" }] },
        },
      },
      motions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!meeting) return null;
  const roster = meeting.body.members.map((m) => toPerson(m.person));
  const rosterIds = new Set(roster.map((p) => p.personId));
  const mentioned = new Set<string>();
  for (const a of meeting.attendance) if (a.proxyHolderId) mentioned.add(a.proxyHolderId);
  for (const item of meeting.agenda) {
    for (const s of item.speakers) mentioned.add(s.personId);
    for (const r of item.recusals) mentioned.add(r.personId);
  }
  for (const motion of meeting.motions) for (const id of [...stringsIn(motion.counters), ...stringsIn(motion.scrutineers)]) mentioned.add(id);
  const others = await db.person.findMany({ where: { id: { in: [...mentioned].filter((id) => !rosterIds.has(id)) } }, select: personSelect });
  const outsiders = others.map(toPerson);
  const names: Record<string, string> = {};
  for (const p of [...roster, ...outsiders]) names[p.personId] = p.name;
  const chair = meeting.body.chair ? { personId: meeting.body.chair.id, name: meeting.body.chair.name } : null;
  const recorder = meeting.body.recorder ? { personId: meeting.body.recorder.id, name: meeting.body.recorder.name } : null;
  for (const officer of [chair, recorder]) if (officer) names[officer.personId] = officer.name;
  return {
    meeting: {
      id: meeting.id,
      orgId: meeting.orgId,
      orgName: meeting.org.name,
      bodyId: meeting.body.id,
      bodyName: meeting.body.name,
      bodyKind: meeting.body.kind,
      charter: meeting.body.charter,
      number: meeting.number,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      place: meeting.place,
      form: meeting.form,
      noticeDate: iso(meeting.noticeDate),
      convenerBasis: meeting.convenerBasis,
      petitioners: meeting.petitioners,
      isPublic: meeting.isPublic,
      state: meeting.state,
      openedAt: iso(meeting.openedAt),
      adjournedAt: iso(meeting.adjournedAt),
    },
    chair,
    recorder,
    roster,
    attendance: meeting.attendance.map((a) => ({
      personId: a.personId,
      status: a.status,
      proxyHolderId: a.proxyHolderId,
      authorizationNote: a.authorizationNote,
    })),
    nonVoting: meeting.nonVoting.map((n) => ({ name: n.name, affiliation: n.affiliation, title: n.title })),
    names,
    outsiders,
    items: meeting.agenda.map((item) => ({
      id: item.id,
      position: item.position,
      title: item.title,
      matter: item.matter
        ? { title: item.matter.title, kind: item.matter.kind, stage: item.matter.stage, preReview: preReviewOf(item.matter.preReviews[0]) }
        : null,
      speakers: item.speakers.map((s) => ({ personId: s.personId, grantedAt: (s.grantedAt as Date).toISOString() })),
      recusals: item.recusals.map((r) => ({ personId: r.personId, reason: r.reason })),
    })),
    motions: meeting.motions.map((m) => ({
      id: m.id,
      itemId: m.itemId,
      text: m.text,
      matterKind: m.matterKind,
      method: m.method,
      state: m.state,
      expected: m.expected,
      present: m.present,
      households: m.households,
      presentHouseholds: m.presentHouseholds,
      recusedCount: m.recusedCount,
      enteredTotals: m.enteredTotals,
      counters: m.counters,
      scrutineers: m.scrutineers,
      result: m.result,
      closedAt: iso(m.closedAt),
      announcedAt: iso(m.announcedAt),
    })),
  };
}

function preReviewOf(row: { reviewerName: string | null; reviewerTitle: string | null; decidedAt: Date | null } | undefined) {
  if (!row?.decidedAt) return null;
  return { name: row.reviewerName ?? "—", title: row.reviewerTitle, at: row.decidedAt.toISOString() };
}

/** Person ids (or names) listed in a counters / scrutineers JSON value, whatever shape the live meeting stored. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const id = record.personId ?? record.id ?? record.name;
    if (typeof id === "string") return [id];
    return Object.values(record).flatMap(stringsIn);
  }
  return [];
}
