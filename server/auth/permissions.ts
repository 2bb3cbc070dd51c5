import type { AuditActor } from "../audit/append";
import type { Tx } from "../db";
import { AppError } from "../errors";
import type { Actor } from "./actor";
import { confineToOrg } from "./scope";

/** `reviewer` (镇街工作人员) is held only in a township (issue #20). */
export type OrgRoleName = "admin" | "supervisor" | "reviewer";
export type BodyRoleName = "chair" | "recorder" | "member";

/**
 * Refuses unless the actor holds one of `roles` in this organization (roles are per organization, never global).
 * Returns the actor as the audit log names it, and confines the transaction to the organization (server/auth/scope.ts).
 * The system actor (first start, seed, operator CLI) passes.
 */
export async function requireOrgRole(tx: Tx, actor: Actor, orgId: string, roles: OrgRoleName[]): Promise<AuditActor> {
  if (actor.kind === "system") return null;
  const grant = await tx.orgRole.findFirst({
    where: { accountId: actor.accountId, orgId, role: { in: roles } },
    select: { role: true },
  });
  if (!grant) throw new AppError("forbidden", "not allowed in this organization");
  await confineToOrg(tx, orgId);
  return { id: actor.accountId, role: grant.role, name: actor.name };
}

/** The roles an account holds in one body: chair and recorder are its officers, member means a seat on its roster. */
export async function bodyRolesOf(tx: Tx, accountId: string, bodyId: string): Promise<BodyRoleName[]> {
  return (await bodyAccess(tx, accountId, bodyId)).roles;
}

/** The body's organization, and the account's roles in the body. */
async function bodyAccess(tx: Tx, accountId: string, bodyId: string): Promise<{ orgId: string | null; roles: BodyRoleName[] }> {
  const account = await tx.account.findUnique({ where: { id: accountId }, select: { personId: true } });
  const personId = account?.personId ?? "";
  const body = await tx.body.findUnique({
    where: { id: bodyId },
    select: { orgId: true, chairId: true, recorderId: true, members: { where: { personId }, select: { personId: true } } },
  });
  if (!body || !personId) return { orgId: body?.orgId ?? null, roles: [] };
  const roles: BodyRoleName[] = [];
  if (body.chairId === personId) roles.push("chair");
  if (body.recorderId === personId) roles.push("recorder");
  if (body.members.length > 0) roles.push("member");
  return { orgId: body.orgId, roles };
}

export async function requireBodyRole(tx: Tx, actor: Actor, bodyId: string, roles: BodyRoleName[]): Promise<AuditActor> {
  if (actor.kind === "system") return null;
  const { orgId, roles: held } = await bodyAccess(tx, actor.accountId, bodyId);
  const role = roles.find((r) => held.includes(r));
  if (!role || !orgId) throw new AppError("forbidden", "not allowed in this body");
  await confineToOrg(tx, orgId);
  return { id: actor.accountId, role, name: actor.name };
}

/** The organization roles an account holds in one organization (never inherited from a parent or a child). */
export async function orgRolesOf(tx: Tx, accountId: string, orgId: string): Promise<OrgRoleName[]> {
  const grants = await tx.orgRole.findMany({ where: { accountId, orgId }, select: { role: true } });
  return grants.map((g) => g.role);
}

/**
 * May this actor read a meeting's details and materials? Admins and supervisors of the meeting's organization, the
 * body's officers and roster members, and people registered in that organization. Nobody from outside it.
 */
export async function canReadMeeting(tx: Tx, actor: Actor, meeting: { orgId: string; bodyId: string }): Promise<boolean> {
  if (actor.kind === "system") return true;
  if ((await orgRolesOf(tx, actor.accountId, meeting.orgId)).length > 0) return true;
  if ((await bodyRolesOf(tx, actor.accountId, meeting.bodyId)).length > 0) return true;
  const account = await tx.account.findUnique({ where: { id: actor.accountId }, select: { person: { select: { orgId: true, deletedAt: true } } } });
  return account?.person?.orgId === meeting.orgId && account.person.deletedAt === null;
}

/** Admins and supervisors of the organization and the people registered in it may read its matters. */
export async function canReadOrg(tx: Tx, actor: Actor, orgId: string): Promise<boolean> {
  if (actor.kind === "system") return true;
  if ((await orgRolesOf(tx, actor.accountId, orgId)).length > 0) return true;
  const account = await tx.account.findUnique({ where: { id: actor.accountId }, select: { person: { select: { orgId: true, deletedAt: true } } } });
  return account?.person?.orgId === orgId && account.person.deletedAt === null;
}

export type TownshipRoleName = "admin" | "reviewer" | "supervisor";

/**
 * The roles an account holds in the township directly above this village or cooperative (issue #20): none for
 * another township's staff, none for an organization with no township above.
 */
export async function townshipRolesOver(tx: Tx, actor: Actor, orgId: string): Promise<TownshipRoleName[]> {
  if (actor.kind === "system") return [];
  const above = await townshipOf(tx, orgId);
  if (!above) return [];
  return (await orgRolesOf(tx, actor.accountId, above.townshipId)).filter((r): r is TownshipRoleName => ["admin", "reviewer", "supervisor"].includes(r));
}

/** canReadOrg, or staff of the township above it (issue #20: the township reads its villages' matters, read-only). */
export async function canReadOrgOrTownship(tx: Tx, actor: Actor, orgId: string): Promise<boolean> {
  if (await canReadOrg(tx, actor, orgId)) return true;
  return (await townshipRolesOver(tx, actor, orgId)).length > 0;
}

/** canReadMeeting, or staff of the township above its organization (issue #20: they read their villages' meetings). */
export async function canReadMeetingOrTownship(tx: Tx, actor: Actor, meeting: { orgId: string; bodyId: string }): Promise<boolean> {
  if (await canReadMeeting(tx, actor, meeting)) return true;
  return (await townshipRolesOver(tx, actor, meeting.orgId)).length > 0;
}

/** The township above an organization: a village's parent, or a cooperative's village's parent (issue #20). */
export async function townshipOf(tx: Tx, orgId: string): Promise<{ townshipId: string; villageId: string } | null> {
  const org = await tx.organization.findUnique({
    where: { id: orgId },
    select: { id: true, level: true, parent: { select: { id: true, level: true, parentId: true } } },
  });
  if (!org) return null;
  if (org.level === "village") return org.parent?.level === "township" ? { townshipId: org.parent.id, villageId: org.id } : null;
  if (org.level === "cooperative" && org.parent?.level === "village" && org.parent.parentId) {
    const township = await tx.organization.findUnique({ where: { id: org.parent.parentId }, select: { id: true, level: true } });
    return township?.level === "township" ? { townshipId: township.id, villageId: org.parent.id } : null;
  }
  return null;
}

/**
 * Refuses unless the actor holds one of `roles` in the township directly above this village or cooperative (issue
 * #20): a township sees and acts on its own villages, never another township's. Confines the transaction to the
 * township and this one organization, so row-level security keeps the rest of the command there. The audit entry
 * names the township role (e.g. `reviewer`).
 */
export async function requireTownshipRoleOver(tx: Tx, actor: Actor, orgId: string, roles: TownshipRoleName[]): Promise<AuditActor> {
  const above = await townshipOf(tx, orgId);
  if (!above) throw new AppError("forbidden", "this organization belongs to no township");
  if (actor.kind === "system") return null;
  const grant = await tx.orgRole.findFirst({ where: { accountId: actor.accountId, orgId: above.townshipId, role: { in: roles } }, select: { role: true } });
  if (!grant) throw new AppError("forbidden", "not allowed in this township");
  await confineToOrg(tx, above.townshipId);
  await confineToOrg(tx, orgId);
  return { id: actor.accountId, role: grant.role, name: actor.name };
}
