/**
 * Who someone is in a live meeting: chair, recorder, member (on the body's roster), or the organization's admin or
 * supervisor. Read in the caller's transaction from the meeting loaded by server/db/load/meetingContext.ts; the
 * permission matrix (server/auth/matrix.ts) lists which live commands and events each role may use.
 */
import type { AuditActor } from "../audit/append";
import type { Tx } from "../db";
import type { MeetingContext } from "../db/load/meetingContext";
import { AppError } from "../errors";
import type { Actor } from "./actor";
import { confineToOrg } from "./scope";

export type LiveRole = "chair" | "recorder" | "member" | "admin" | "supervisor";

/** The account's person, and its live roles in this meeting. */
export async function liveRolesOf(tx: Tx, actor: Actor, ctx: MeetingContext): Promise<{ personId: string | null; roles: LiveRole[] }> {
  if (actor.kind === "system") return { personId: null, roles: ["chair", "recorder", "admin"] };
  const account = await tx.account.findUnique({
    where: { id: actor.accountId },
    select: { personId: true, disabled: true, roles: { where: { orgId: ctx.meeting.orgId }, select: { role: true } } },
  });
  if (!account || account.disabled) return { personId: null, roles: [] };
  // A reviewer role is a township's (issue #20) and never one in the meeting's own organization.
  const roles: LiveRole[] = account.roles.flatMap((r) => (r.role === "reviewer" ? [] : [r.role as LiveRole]));
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
