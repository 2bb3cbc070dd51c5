import type { AuditActor } from "../audit/append";
import type { Actor } from "../commands/actor";
import type { Tx } from "../commands/run";
import { AppError } from "../errors";

export type OrgRoleName = "admin" | "supervisor";
export type BodyRoleName = "chair" | "recorder" | "member";

/**
 * Refuses unless the actor holds one of `roles` in this organization (roles are per organization, never global).
 * Returns the actor as the audit log names it. The system actor (first start, seed, operator CLI) passes.
 */
export async function requireOrgRole(tx: Tx, actor: Actor, orgId: string, roles: OrgRoleName[]): Promise<AuditActor> {
  if (actor.kind === "system") return null;
  const grant = await tx.orgRole.findFirst({
    where: { accountId: actor.accountId, orgId, role: { in: roles } },
    select: { role: true },
  });
  if (!grant) throw new AppError("forbidden", "not allowed in this organization");
  return { id: actor.accountId, role: grant.role, name: actor.name };
}

/** The roles an account holds in one body: chair and recorder are its officers, member means a seat on its roster. */
export async function bodyRolesOf(tx: Tx, accountId: string, bodyId: string): Promise<BodyRoleName[]> {
  const account = await tx.account.findUnique({ where: { id: accountId }, select: { personId: true } });
  if (!account?.personId) return [];
  const body = await tx.body.findUnique({
    where: { id: bodyId },
    select: { chairId: true, recorderId: true, members: { where: { personId: account.personId }, select: { personId: true } } },
  });
  if (!body) return [];
  const roles: BodyRoleName[] = [];
  if (body.chairId === account.personId) roles.push("chair");
  if (body.recorderId === account.personId) roles.push("recorder");
  if (body.members.length > 0) roles.push("member");
  return roles;
}

export async function requireBodyRole(tx: Tx, actor: Actor, bodyId: string, roles: BodyRoleName[]): Promise<AuditActor> {
  if (actor.kind === "system") return null;
  const held = await bodyRolesOf(tx, actor.accountId, bodyId);
  const role = roles.find((r) => held.includes(r));
  if (!role) throw new AppError("forbidden", "not allowed in this body");
  return { id: actor.accountId, role, name: actor.name };
}
