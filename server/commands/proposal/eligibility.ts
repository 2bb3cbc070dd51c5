import type { AuditActor } from "../../audit/append";
import { confineToOrg } from "../../auth/scope";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import type { Tx } from "../run";

/**
 * Who may raise or co-sign a proposal: an adult registered in the organization, signed in with their own account
 * (their identity). Returns the person and the actor as the log names them; confines the transaction to the org.
 */
export async function eligiblePerson(tx: Tx, actor: Actor, orgId: string): Promise<{ personId: string; auditActor: AuditActor }> {
  if (actor.kind !== "account") throw new AppError("forbidden", "residents only");
  const account = await tx.account.findUnique({
    where: { id: actor.accountId },
    select: { person: { select: { id: true, orgId: true, isAdult: true, deletedAt: true } } },
  });
  const person = account?.person;
  if (!person || person.orgId !== orgId || !person.isAdult || person.deletedAt !== null) {
    throw new AppError("forbidden", "only adult residents of this organization may sign", { details: { reason: "not_eligible" } });
  }
  await confineToOrg(tx, orgId);
  return { personId: person.id, auditActor: { id: actor.accountId, role: "resident", name: actor.name } };
}

/** How far a proposal's signatures have come (read by the proposal commands and the admin's list alike). */
export { proposalProgress } from "../../db/load/proposalProgress";
