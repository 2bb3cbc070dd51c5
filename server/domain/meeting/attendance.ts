/**
 * Attendance (签到) per roster member and its summary for the minutes and the quorum check (DESIGN.md §3,
 * RULES.md §6: expected, present, absentees, proxies, non-voting attendees).
 */
import { AppError } from "../../errors";
import { BODY_RULES, type BodyKind } from "../rules";
import { type ProxyProblem, proxyProblem } from "./proxy";

/** What the register knows of a person, as far as attendance needs it. */
export type PersonFacts = { personId: string; householdId: string | null; isAdult: boolean };

/** A member of the body's roster: one vote (应到). */
export type RosterMember = PersonFacts;

export const ATTENDANCE_STATUSES = ["present_in_person", "present_online", "proxy", "absent"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** The holder's facts come from the register; when the holder is on the roster, the roster's facts are used. */
export type ProxyAuthorization = { holder: PersonFacts; authorizationNote: string };

/** A roster member without a record is absent. */
export type AttendanceRecord =
  | { personId: string; status: "present_in_person" | "present_online" | "absent" }
  | { personId: string; status: "proxy"; proxy: ProxyAuthorization };

/** 列席: attends without a vote and is not on the roster (township staff, supervisors, villagers concerned). */
export type NonVotingAttendee = { name: string; personId: string | null; capacity: string };

export type ProxyEntry = {
  memberPersonId: string;
  holderPersonId: string;
  householdId: string | null;
  authorizationNote: string;
  /** Only a lawful proxy counts as present (RULES.md §3). */
  isCounted: boolean;
  problem: ProxyProblem | null;
};

export type ResolvedAttendance = PersonFacts & {
  status: AttendanceStatus;
  isPresent: boolean;
  /** Who casts this member's vote: the member, a lawful proxy holder, or nobody. */
  castByPersonId: string | null;
};

export type AttendanceSummary = {
  bodyKind: BodyKind;
  /** 应到 */
  expected: number;
  /** 实到: in person, online and lawful proxies. */
  present: number;
  presentInPerson: number;
  presentOnline: number;
  presentByProxy: number;
  /** Roster members not present (an unlawful proxy leaves its member absent), in roster order. */
  absent: string[];
  proxies: ProxyEntry[];
  nonVoting: NonVotingAttendee[];
  /** Only for bodies that may count by household (VCOL 22, 28). */
  households?: number;
  presentHouseholds?: number;
};

function isDirectlyPresent(status: AttendanceStatus | undefined): boolean {
  return status === "present_in_person" || status === "present_online";
}

function indexRecords(roster: readonly RosterMember[], records: readonly AttendanceRecord[]): Map<string, AttendanceRecord> {
  const rosterIds = new Set<string>();
  for (const member of roster) {
    if (rosterIds.has(member.personId)) {
      throw new AppError("invalid_input", "a person is twice on the roster", { field: "roster", details: { personId: member.personId } });
    }
    rosterIds.add(member.personId);
  }
  const byPerson = new Map<string, AttendanceRecord>();
  for (const record of records) {
    if (!rosterIds.has(record.personId)) {
      throw new AppError("invalid_input", "attendance for a person not on the roster (record them as non-voting)", {
        field: "records",
        details: { personId: record.personId },
      });
    }
    if (byPerson.has(record.personId)) {
      throw new AppError("invalid_input", "two attendance records for one member", { field: "records", details: { personId: record.personId } });
    }
    byPerson.set(record.personId, record);
  }
  return byPerson;
}

/**
 * Each roster member's attendance, in roster order, and every proxy with whether it counts. A proxy counts when
 * it is lawful for the body (RCEOL 27) and its holder attends: a holder on the roster must be present in person or
 * online themselves (no chains of proxies); a holder off the roster is present by the record itself.
 */
export function resolveAttendance(
  roster: readonly RosterMember[],
  records: readonly AttendanceRecord[],
  options: { bodyKind: BodyKind },
): { members: ResolvedAttendance[]; proxies: ProxyEntry[] } {
  const byPerson = indexRecords(roster, records);
  const rosterById = new Map(roster.map((m) => [m.personId, m]));
  const proxies: ProxyEntry[] = [];
  const members = roster.map((member): ResolvedAttendance => {
    const record = byPerson.get(member.personId);
    const status = record?.status ?? "absent";
    if (record?.status !== "proxy") {
      const isPresent = isDirectlyPresent(status);
      return { ...member, status, isPresent, castByPersonId: isPresent ? member.personId : null };
    }
    const holder = rosterById.get(record.proxy.holder.personId) ?? record.proxy.holder;
    const isHolderOnRoster = rosterById.has(holder.personId);
    let problem: ProxyProblem | null = proxyProblem({
      bodyKind: options.bodyKind,
      memberPersonId: member.personId,
      holderPersonId: holder.personId,
      memberHouseholdId: member.householdId,
      holderHouseholdId: holder.householdId,
      holderIsAdult: holder.isAdult,
      authorizationNote: record.proxy.authorizationNote,
    });
    if (problem === null && isHolderOnRoster && !isDirectlyPresent(byPerson.get(holder.personId)?.status)) {
      problem = "holder_not_present";
    }
    const isCounted = problem === null;
    proxies.push({
      memberPersonId: member.personId,
      holderPersonId: holder.personId,
      householdId: member.householdId,
      authorizationNote: record.proxy.authorizationNote,
      isCounted,
      problem,
    });
    return { ...member, status, isPresent: isCounted, castByPersonId: isCounted ? holder.personId : null };
  });
  return { members, proxies };
}

/** A member outside any household stands as a household of one, so every roster member belongs to one. */
export function householdKey(member: PersonFacts): string {
  return member.householdId ?? `person:${member.personId}`;
}

/**
 * 应到 / 实到 and the rest of the attendance record. For the bodies that may count by household (VCOL 22
 * 村民会议, VCOL 28 村民小组会议) it also counts households: a household is represented when any adult member of
 * it is present (户代表).
 */
export function summarizeAttendance(
  roster: readonly RosterMember[],
  records: readonly AttendanceRecord[],
  options: { bodyKind: BodyKind; nonVoting?: readonly NonVotingAttendee[] },
): AttendanceSummary {
  const { members, proxies } = resolveAttendance(roster, records, options);
  const rosterIds = new Set(roster.map((m) => m.personId));
  const nonVoting = (options.nonVoting ?? []).map((attendee) => {
    if (attendee.name.trim() === "") throw new AppError("invalid_input", "a non-voting attendee needs a name", { field: "nonVoting" });
    if (attendee.personId !== null && rosterIds.has(attendee.personId)) {
      throw new AppError("invalid_input", "a roster member attends with a vote, not as non-voting", {
        field: "nonVoting",
        details: { personId: attendee.personId },
      });
    }
    return { ...attendee };
  });

  const summary: AttendanceSummary = {
    bodyKind: options.bodyKind,
    expected: roster.length,
    present: members.filter((m) => m.isPresent).length,
    presentInPerson: members.filter((m) => m.status === "present_in_person").length,
    presentOnline: members.filter((m) => m.status === "present_online").length,
    presentByProxy: proxies.filter((p) => p.isCounted).length,
    absent: members.filter((m) => !m.isPresent).map((m) => m.personId),
    proxies,
    nonVoting,
  };
  if (BODY_RULES[options.bodyKind].householdQuorum !== undefined) {
    summary.households = new Set(members.map(householdKey)).size;
    summary.presentHouseholds = new Set(members.filter((m) => m.isPresent && m.isAdult).map(householdKey)).size;
  }
  return summary;
}

/** Replaces one member's record in an attendance list (a new list; the input is not changed). */
export function withRecord(attendance: AttendanceRecord[], record: AttendanceRecord): AttendanceRecord[] {
  return [...attendance.filter((r) => r.personId !== record.personId), record];
}
