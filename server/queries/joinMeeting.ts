import { type Actor, accountActor } from "../auth/actor";
import type { SocketIdentity } from "../auth/identity";
import { liveRolesOf } from "../auth/liveRoles";
import { townshipRolesOver } from "../auth/permissions";
import { currentDb } from "../db";
import { loadMeetingContext } from "../db/load/meetingContext";
import { AppError } from "../errors";
import { type Audience, type LiveView, liveView, recordedRule, type VoteRule } from "./liveMeeting";
import { type MemberView, memberView } from "./memberView";
import { LIVE_READ_BUDGET } from "./readBudget";

export type JoinResult = { view: LiveView; roles: string[] };

/**
 * Who may watch a meeting, and what they see: its chair, recorder, the organization's admins and supervisors see
 * the chair's view (who has not voted …); members and, for a public meeting, anyone — even without a login — the
 * public view, as do the staff of the township above. Nobody else outside the organization joins a meeting that is
 * not public.
 */
export async function joinMeeting(meetingId: string, identity: SocketIdentity, wanted?: "public"): Promise<JoinResult> {
  const actor: Actor | null = identity ? accountActor(identity.accountId, identity.name) : null;
  const { prisma } = currentDb();
  const { roles, isPublic, township } = await prisma.$transaction(async (tx) => {
    const ctx = await loadMeetingContext(tx, meetingId);
    const held = actor ? (await liveRolesOf(tx, actor, ctx)).roles : [];
    // The staff of the township above watch the meetings of their villages (issue #20), as observers do.
    const township = actor && held.length === 0 && !ctx.meeting.isPublic ? (await townshipRolesOver(tx, actor, ctx.meeting.orgId)).length > 0 : false;
    return { roles: held, isPublic: ctx.meeting.isPublic, township };
  }, LIVE_READ_BUDGET);
  const audience: Audience =
    wanted !== "public" && roles.some((r) => r === "chair" || r === "recorder" || r === "admin" || r === "supervisor") ? "chair" : "public";
  if (roles.length === 0 && !isPublic && !township) throw new AppError(identity ? "forbidden" : "unauthenticated", "this meeting is not public");
  return { view: await liveView(meetingId, audience), roles };
}

/** A member's own view of the meeting (attendance, recusals, their ballots); null for anyone without a person. */
export async function personalView(meetingId: string, identity: SocketIdentity): Promise<MemberView | null> {
  return identity?.personId ? memberView(meetingId, identity.personId).catch(() => null) : null;
}

/** What joining answers: the shared view for this viewer, and their own view beside it. */
export async function joinMeetingWithMe(meetingId: string, identity: SocketIdentity, wanted?: "public"): Promise<JoinResult & { me: MemberView | null }> {
  const joined = await joinMeeting(meetingId, identity, wanted);
  return { ...joined, me: await personalView(meetingId, identity) };
}

/** /j/<code>: the meeting a projector's short code opens; null for a malformed or unknown code. */
export async function meetingOfJoinCode(code: string): Promise<{ id: string } | null> {
  if (!/^[0-9a-z]{8}$/.test(code)) return null;
  return currentDb().prisma.meeting.findUnique({ where: { shortCode: code }, select: { id: true } });
}

/** The projector of a meeting (no login: it shows what observers may see): the short code its QR code carries. */
export async function projectorOf(meetingId: string): Promise<{ shortCode: string } | null> {
  return currentDb().prisma.meeting.findUnique({ where: { id: meetingId }, select: { shortCode: true } });
}

export type PlainVoteView = {
  me: MemberView;
  motion: { text: string; state: string; method: string; rule: VoteRule | null } | null;
};

/**
 * What the plain vote form (phones whose JavaScript did not load) shows a member: their ballots on the open or
 * latest motion, and that motion with the rule recorded at opening. Null when the person has no view of the meeting.
 */
export async function plainVoteOf(meetingId: string, personId: string): Promise<PlainVoteView | null> {
  const me = await memberView(meetingId, personId).catch(() => null);
  if (!me) return null;
  const first = me.ballots[0];
  const motion = first
    ? await currentDb().prisma.motion.findUnique({ where: { id: first.motionId }, select: { text: true, state: true, method: true, rule: true } })
    : null;
  return { me, motion: motion ? { text: motion.text, state: motion.state, method: motion.method, rule: recordedRule(motion.rule) } : null };
}
