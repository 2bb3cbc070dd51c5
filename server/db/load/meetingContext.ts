/**
 * The live-meeting loader: everything a live-meeting command needs to decide, and everything the live view starts
 * from — the meeting, its body and charter, the roster and attendance — read in the caller's transaction. Commands
 * (server/commands/live) and queries (server/queries/liveMeeting.ts, joinMeeting.ts) both load a meeting here.
 */
import { z } from "zod";
import type { Prisma } from "../../../generated/prisma/client";
import type { AttendanceRecord, MeetingState, RosterMember } from "../../domain/meeting";
import { BODY_KINDS, type BodyKind, type Charter, charterSchema } from "../../domain/rules";
import { AppError } from "../../errors";
import type { Tx } from "..";

export type MeetingContext = {
  meeting: {
    id: string;
    orgId: string;
    bodyId: string;
    state: MeetingState;
    version: number;
    currentItemId: string | null;
    isPublic: boolean;
    startsAt: Date;
    openedAt: Date | null;
  };
  body: {
    kind: BodyKind;
    charter: Charter & { publishNamedVotes?: boolean; membersEditMinutes?: boolean; noticeDays?: number };
    chairId: string | null;
    recorderId: string | null;
  };
  roster: (RosterMember & { name: string })[];
  attendance: AttendanceRecord[];
};

const kindSchema = z.enum(BODY_KINDS);

/** What a meeting context is read with: a reader needing more of the meeting adds its fields to this select. */
export const meetingContextSelect = {
  id: true,
  orgId: true,
  bodyId: true,
  state: true,
  version: true,
  currentItemId: true,
  isPublic: true,
  startsAt: true,
  openedAt: true,
  body: {
    select: {
      kind: true,
      charter: true,
      chairId: true,
      recorderId: true,
      members: { select: { person: { select: { id: true, name: true, householdId: true, isAdult: true } } } },
    },
  },
  attendance: { select: { personId: true, status: true, proxyHolderId: true, authorizationNote: true } },
} satisfies Prisma.MeetingSelect;

type ContextRow = Prisma.MeetingGetPayload<{ select: typeof meetingContextSelect }>;

/** Everything a live-meeting command needs to decide, read inside its transaction. */
export async function loadMeetingContext(tx: Tx, meetingId: string): Promise<MeetingContext> {
  return meetingContextOf(tx, foundMeeting(await tx.meeting.findUnique({ where: { id: meetingId }, select: meetingContextSelect })));
}

/** A meeting row read by id, or the one not-found error every live reader answers with. */
export function foundMeeting<T>(row: T | null): T {
  if (!row) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
  return row;
}

/** The context from a row read with `meetingContextSelect` (and perhaps more), in the same transaction. */
export async function meetingContextOf(tx: Tx, meeting: ContextRow): Promise<MeetingContext> {
  const roster = meeting.body.members
    .map(({ person }) => ({ personId: person.id, name: person.name, householdId: person.householdId, isAdult: person.isAdult }))
    .sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  const facts = new Map(roster.map((m) => [m.personId, m]));
  const attendance: AttendanceRecord[] = [];
  for (const row of meeting.attendance) {
    if (!facts.has(row.personId)) continue;
    if (row.status === "proxy" && row.proxyHolderId) {
      const holder = facts.get(row.proxyHolderId) ?? (await personFacts(tx, row.proxyHolderId));
      attendance.push({ personId: row.personId, status: "proxy", proxy: { holder, authorizationNote: row.authorizationNote ?? "" } });
    } else if (row.status === "present_in_person" || row.status === "present_online" || row.status === "absent") {
      attendance.push({ personId: row.personId, status: row.status });
    }
  }
  return {
    meeting: {
      id: meeting.id,
      orgId: meeting.orgId,
      bodyId: meeting.bodyId,
      state: meeting.state as MeetingState,
      version: meeting.version,
      currentItemId: meeting.currentItemId,
      isPublic: meeting.isPublic,
      startsAt: meeting.startsAt,
      openedAt: meeting.openedAt,
    },
    body: {
      kind: kindSchema.parse(meeting.body.kind),
      charter: charterSchema.parse(meeting.body.charter ?? {}),
      chairId: meeting.body.chairId,
      recorderId: meeting.body.recorderId,
    },
    roster,
    attendance,
  };
}

async function personFacts(tx: Tx, personId: string): Promise<RosterMember> {
  const person = await tx.person.findUnique({ where: { id: personId }, select: { id: true, householdId: true, isAdult: true } });
  if (!person) throw new AppError("not_found", "person not found", { field: "proxyHolderId" });
  return { personId: person.id, householdId: person.householdId, isAdult: person.isAdult };
}
