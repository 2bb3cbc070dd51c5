import { z } from "zod";
import type { AuditActor } from "../../audit/append";
import { confineToOrg } from "../../auth/scope";
import { AppError } from "../../errors";
import { BODY_KINDS, type BodyKind, type Charter } from "../../domain/rules";
import type { AttendanceRecord, MeetingState, RosterMember } from "../../domain/meeting";
import { charterSchema } from "../body/createBody";
import type { Actor } from "../actor";
import type { Tx } from "../run";

export type LiveRole = "chair" | "recorder" | "member" | "admin" | "supervisor";

export type MeetingContext = {
  meeting: { id: string; orgId: string; bodyId: string; state: MeetingState; version: number; currentItemId: string | null; isPublic: boolean; startsAt: Date; openedAt: Date | null };
  body: { kind: BodyKind; charter: Charter & { publishNamedVotes?: boolean; membersEditMinutes?: boolean; noticeDays?: number }; chairId: string | null; recorderId: string | null };
  roster: (RosterMember & { name: string })[];
  attendance: AttendanceRecord[];
};

const kindSchema = z.enum(BODY_KINDS);

/** Everything a live-meeting command needs to decide, read inside its transaction. */
export async function loadMeetingContext(tx: Tx, meetingId: string): Promise<MeetingContext> {
  const meeting = await tx.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true, orgId: true, bodyId: true, state: true, version: true, currentItemId: true, isPublic: true, startsAt: true, openedAt: true,
      body: {
        select: {
          kind: true, charter: true, chairId: true, recorderId: true,
          members: { select: { person: { select: { id: true, name: true, householdId: true, isAdult: true } } } },
        },
      },
      attendance: { select: { personId: true, status: true, proxyHolderId: true, authorizationNote: true } },
    },
  });
  if (!meeting) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
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
    meeting: { ...meeting, state: meeting.state as MeetingState },
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

/** The account's person, and its live roles in this meeting. */
export async function liveRolesOf(tx: Tx, actor: Actor, ctx: MeetingContext): Promise<{ personId: string | null; roles: LiveRole[] }> {
  if (actor.kind === "system") return { personId: null, roles: ["chair", "recorder", "admin"] };
  const account = await tx.account.findUnique({
    where: { id: actor.accountId },
    select: { personId: true, disabled: true, roles: { where: { orgId: ctx.meeting.orgId }, select: { role: true } } },
  });
  if (!account || account.disabled) return { personId: null, roles: [] };
  // A reviewer role is a township's (issue #20) and never one in the meeting's own organization.
  const roles: LiveRole[] = account.roles.flatMap((r) => (r.role === "reviewer" ? [] : [r.role]));
  const personId = account.personId;
  if (personId && ctx.body.chairId === personId) roles.push("chair");
  if (personId && ctx.body.recorderId === personId) roles.push("recorder");
  if (personId && ctx.roster.some((m) => m.personId === personId)) roles.push("member");
  return { personId, roles };
}

/** Refuses unless the actor holds one of `allowed`; returns the audit actor and the actor's person. */
export async function requireLiveRole(
  tx: Tx,
  actor: Actor,
  ctx: MeetingContext,
  allowed: LiveRole[],
): Promise<{ auditActor: AuditActor; personId: string | null }> {
  const { personId, roles } = await liveRolesOf(tx, actor, ctx);
  const role = allowed.find((r) => roles.includes(r));
  if (!role) throw new AppError("forbidden", "not allowed in this meeting");
  if (actor.kind === "account") await confineToOrg(tx, ctx.meeting.orgId);
  return { auditActor: actor.kind === "system" ? null : { id: actor.accountId, role, name: actor.name }, personId };
}

/** Every state change of a meeting bumps its version in the same transaction; broadcasts carry it. */
export async function bumpVersion(tx: Tx, meetingId: string): Promise<number> {
  const updated = await tx.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } }, select: { version: true } });
  return updated.version;
}

export function requireInSession(ctx: MeetingContext): void {
  if (ctx.meeting.state !== "in_session") throw new AppError("conflict", "the meeting is not in session", { field: "state" });
}

/** The charter's decision settings only (a charter may only make the law's rules stricter; the engine sees to it). */
export function charterOf(ctx: MeetingContext): Charter {
  const { quorum, pass, recusedLeaveBase } = ctx.body.charter;
  return { ...(quorum ? { quorum } : {}), ...(pass ? { pass } : {}), ...(recusedLeaveBase !== undefined ? { recusedLeaveBase } : {}) };
}
