/**
 * How far a proposal's signatures have come against the law's petition thresholds: the counts are read here, the
 * thresholds are the domain's (server/domain/meeting/petition.ts).
 */
import { type PetitionProgress, petitionProgress } from "../../domain/meeting/petition";
import type { Tx } from "..";

/** The representatives a petition is counted against: the seats of the organization's 村民代表会议. */
async function representativesOf(tx: Tx, orgId: string): Promise<string[]> {
  const body = await tx.body.findFirst({
    where: { orgId, kind: "villager-representatives" },
    orderBy: { createdAt: "asc" },
    select: { members: { select: { personId: true, seat: true } } },
  });
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
  return petitionProgress({
    villagers,
    representatives: reps.size,
    signed: signatures.length,
    signedRepresentatives: signatures.filter((s) => reps.has(s.personId)).length,
  });
}
