import type { AuditActor } from "../../audit/append";
import { confineToOrg } from "../../auth/scope";
import { petitionProgress, type PetitionProgress } from "../../domain/meeting/petition";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import type { Tx } from "../run";

/**
 * Who may raise or co-sign a proposal: an adult registered in the organization, signed in with their own account
 * (their identity). Returns the person and the actor as the log names them; confines the transaction to the org.
 */
export async function eligiblePerson(tx: Tx, actor: Actor, orgId: string): Promise<{ personId: string; auditActor: AuditActor }> {
  if (actor.kind !== "account") throw new AppError("forbidden", "residents only");
  const account = await tx.account.findUnique({ where: { id: actor.accountId }, select: { person: { select: { id: true, orgId: true, isAdult: true, deletedAt: true } } } });
  const person = account?.person;
  if (!person || person.orgId !== orgId || !person.isAdult || person.deletedAt !== null) {
    throw new AppError("forbidden", "only adult residents of this organization may sign", { details: { reason: "not_eligible" } });
  }
  await confineToOrg(tx, orgId);
  return { personId: person.id, auditActor: { id: actor.accountId, role: "resident", name: actor.name } };
}

/** The representatives a petition is counted against: the seats of the organization's 村民代表会议. */
async function representativesOf(tx: Tx, orgId: string): Promise<string[]> {
  const body = await tx.body.findFirst({ where: { orgId, kind: "villager-representatives" }, orderBy: { createdAt: "asc" }, select: { members: { select: { personId: true, seat: true } } } });
  if (!body) return [];
  const seats = body.members.filter((m) => m.seat === "representative");
  return (seats.length > 0 ? seats : body.members).map((m) => m.personId);
}

export async function proposalProgress(tx: Tx, proposal: { id: string; orgId: string }): Promise<PetitionProgress[]> {
  const [villagers, representatives, signatures] = await Promise.all([
    tx.person.count({ where: { orgId: proposal.orgId, isAdult: true, deletedAt: null } }),
    representativesOf(tx, proposal.orgId),
    tx.proposalSignature.findMany({ where: { proposalId: proposal.id }, select: { personId: true } }),
  ]);
  const reps = new Set(representatives);
  return petitionProgress({ villagers, representatives: reps.size, signed: signatures.length, signedRepresentatives: signatures.filter((s) => reps.has(s.personId)).length });
}
