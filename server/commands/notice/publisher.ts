/**
 * Who may publish and correct a notice (issue #8): an admin of the organization, or the chair of the body whose
 * vote decided the matter. Everyone else — recorders, members, supervisors (who never change a record, DESIGN.md
 * §4), admins of other organizations — is refused.
 */
import type { AuditActor } from "../../audit/append";
import { bodyRolesOf, orgRolesOf } from "../../auth/permissions";
import { confineToOrg } from "../../auth/scope";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import type { Tx } from "../run";

export async function requirePublisher(tx: Tx, actor: Actor, orgId: string, decidingBodyId: string | null): Promise<AuditActor> {
  if (actor.kind === "system") return null;
  const isAdmin = (await orgRolesOf(tx, actor.accountId, orgId)).includes("admin");
  const isChair = !isAdmin && decidingBodyId !== null && (await bodyRolesOf(tx, actor.accountId, decidingBodyId)).includes("chair");
  if (!isAdmin && !isChair) throw new AppError("forbidden", "only an admin of this organization or the chair of the deciding body may publish");
  await confineToOrg(tx, orgId);
  return { id: actor.accountId, role: isAdmin ? "admin" : "chair", name: actor.name };
}

/** Per-matter serialization: two publications of one matter never interleave (one decision notice, one chain). */
export async function lockMatter(tx: Tx, matterId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`yishi-notice:${matterId}`}))`;
}
