/**
 * The entitled voters of a motion, frozen when the vote opens (DESIGN.md §3): present, not recused, with proxies
 * resolved. Arrivals after opening do not vote on that motion; departures keep their entitlement until close.
 */
import { AppError } from "../../errors";
import { BODY_RULES, type BodyKind, type QuorumBasis } from "../rules";
import { type AttendanceRecord, householdKey, type ResolvedAttendance, type RosterMember, resolveAttendance } from "./attendance";

export type EntitledVoter = {
  /** The member whose vote it is (in the household form: the household's representative). */
  voterPersonId: string;
  /** Who casts it: the member, or the holder of their written proxy (RCEOL 27). */
  castByPersonId: string;
  householdId: string | null;
};

export type FrozenVoters = {
  basis: QuorumBasis;
  /** Sorted by voterPersonId (code-unit order, independent of locale). */
  voters: EntitledVoter[];
  /** Present roster members who are recused, sorted. */
  recusedPersonIds: string[];
  /** Present and recused, in the basis' unit: persons, or households left without a voter. For decideMotion. */
  recusedCount: number;
};

export type FreezeInput = {
  bodyKind: BodyKind;
  roster: readonly RosterMember[];
  attendance: readonly AttendanceRecord[];
  /** Person ids of roster members who declared a conflict on this item (回避). */
  recusals: readonly string[];
  /** "households": one vote per represented household (户代表, VCOL 22 / 28). Default "members". */
  basis?: QuorumBasis;
  /** householdId → personId of the designated household representative, where one was named. */
  householdRepresentatives?: Readonly<Record<string, string>>;
};

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkRecusals(roster: readonly RosterMember[], recusals: readonly string[]): Set<string> {
  const rosterIds = new Set(roster.map((m) => m.personId));
  for (const personId of recusals) {
    if (!rosterIds.has(personId)) {
      throw new AppError("invalid_input", "a recusal of a person not on the roster", { field: "recusals", details: { personId } });
    }
  }
  return new Set(recusals);
}

/**
 * Household form: each represented household gets one voter — the designated representative when present, adult
 * and not recused, else the first such member in roster order (the register lists the head first). A household
 * whose present adults are all recused has no voter and counts as recused.
 */
function householdVoters(
  members: readonly ResolvedAttendance[],
  recused: ReadonlySet<string>,
  representatives: Readonly<Record<string, string>>,
): { voters: EntitledVoter[]; recusedCount: number } {
  const attendingByHousehold = new Map<string, ResolvedAttendance[]>();
  for (const member of members) {
    if (!member.isPresent || !member.isAdult) continue;
    const key = householdKey(member);
    attendingByHousehold.set(key, [...(attendingByHousehold.get(key) ?? []), member]);
  }
  const voters: EntitledVoter[] = [];
  let recusedCount = 0;
  for (const [key, attending] of attendingByHousehold) {
    const eligible = attending.filter((m) => !recused.has(m.personId));
    if (eligible.length === 0) {
      recusedCount += 1;
      continue;
    }
    const designated = eligible.find((m) => m.personId === representatives[key]);
    const voter = designated ?? eligible[0];
    voters.push({ voterPersonId: voter.personId, castByPersonId: voter.personId, householdId: voter.householdId });
  }
  return { voters, recusedCount };
}

/**
 * Freezes the entitled voters. The recused do not vote (回避); a recused proxy holder casts no vote at all, so the
 * proxy they hold is not cast either: a conflicted person must not weigh on the motion, and the law is silent on a
 * substitute holder. Absent members and unlawful proxies are left out.
 */
export function freezeEntitledVoters(input: FreezeInput): FrozenVoters {
  const basis = input.basis ?? "members";
  if (basis === "households" && BODY_RULES[input.bodyKind].householdQuorum === undefined) {
    throw new AppError("invalid_input", "this body does not count by household", { field: "basis", details: { bodyKind: input.bodyKind } });
  }
  const recused = checkRecusals(input.roster, input.recusals);
  const { members } = resolveAttendance(input.roster, input.attendance, { bodyKind: input.bodyKind });
  const recusedPersonIds = members
    .filter((m) => m.isPresent && recused.has(m.personId))
    .map((m) => m.personId)
    .sort(byCodeUnits);

  if (basis === "households") {
    const { voters, recusedCount } = householdVoters(members, recused, input.householdRepresentatives ?? {});
    voters.sort((a, b) => byCodeUnits(a.voterPersonId, b.voterPersonId));
    return { basis, voters, recusedPersonIds, recusedCount };
  }

  const voters = members
    .filter((m) => m.castByPersonId !== null && !recused.has(m.personId) && !recused.has(m.castByPersonId))
    .map((m): EntitledVoter => ({ voterPersonId: m.personId, castByPersonId: m.castByPersonId ?? m.personId, householdId: m.householdId }))
    .sort((a, b) => byCodeUnits(a.voterPersonId, b.voterPersonId));
  return { basis, voters, recusedPersonIds, recusedCount: recusedPersonIds.length };
}

/** The votes a person may cast: their own and those they hold by proxy. */
export function votesCastBy(frozen: FrozenVoters, castByPersonId: string): EntitledVoter[] {
  return frozen.voters.filter((v) => v.castByPersonId === castByPersonId);
}

/** Throws recused / not_entitled unless `castByPersonId` may cast the vote of `voterPersonId`. */
export function assertMayCast(frozen: FrozenVoters, vote: { voterPersonId: string; castByPersonId: string }): EntitledVoter {
  const voter = frozen.voters.find((v) => v.voterPersonId === vote.voterPersonId && v.castByPersonId === vote.castByPersonId);
  if (voter !== undefined) return voter;
  if (frozen.recusedPersonIds.includes(vote.voterPersonId) || frozen.recusedPersonIds.includes(vote.castByPersonId)) {
    throw new AppError("recused", "recused on this item", { field: "voterPersonId", details: { ...vote } });
  }
  throw new AppError("not_entitled", "not among the voters frozen when the vote opened", { field: "voterPersonId", details: { ...vote } });
}
