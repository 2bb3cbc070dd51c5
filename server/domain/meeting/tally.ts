/**
 * Counting a motion's votes and deciding it with the rules engine. Tallies are computed from vote and ballot rows,
 * never kept as counters (DESIGN.md §3); totals never exceed the voters frozen at opening.
 */
import { AppError } from "../../errors";
import { type BodyKind, type Charter, type DecisionResult, evaluateDecision, type MatterKind } from "../rules";
import type { EntitledVoter } from "./entitlement";

/** 同意 / 反对 / 弃权 */
export const CHOICES = ["yes", "no", "abstain"] as const;
export type Choice = (typeof CHOICES)[number];

export type Tally = { yes: number; no: number; abstain: number; cast: number };

export type NamedVote = { voterPersonId: string; choice: Choice };
/** A secret ballot row holds no voter (see ballotTracker.ts). */
export type SecretBallot = { choice: Choice };

function isChoice(value: unknown): value is Choice {
  return (CHOICES as readonly unknown[]).includes(value);
}

function count(choices: readonly Choice[]): Tally {
  const tally: Tally = { yes: 0, no: 0, abstain: 0, cast: 0 };
  for (const choice of choices) {
    if (!isChoice(choice)) throw new AppError("invalid_input", `unknown choice: ${String(choice)}`, { field: "choice" });
    tally[choice] += 1;
    tally.cast += 1;
  }
  return tally;
}

/**
 * Named votes: one counted choice per voter (the database's unique constraint keeps it; a duplicate here means a
 * bug upstream and is refused). With `entitled`, a vote of anyone not frozen at opening is refused too.
 */
export function tallyNamed(votes: readonly NamedVote[], entitled?: readonly EntitledVoter[]): Tally {
  const seen = new Set<string>();
  const allowed = entitled === undefined ? null : new Set(entitled.map((v) => v.voterPersonId));
  for (const vote of votes) {
    if (seen.has(vote.voterPersonId)) {
      throw new AppError("already_voted", "two counted votes of one voter", { field: "voterPersonId", details: { voterPersonId: vote.voterPersonId } });
    }
    if (allowed !== null && !allowed.has(vote.voterPersonId)) {
      throw new AppError("not_entitled", "a vote of someone not entitled", { field: "voterPersonId", details: { voterPersonId: vote.voterPersonId } });
    }
    seen.add(vote.voterPersonId);
  }
  return count(votes.map((v) => v.choice));
}

export function tallySecret(ballots: readonly SecretBallot[]): Tally {
  return count(ballots.map((b) => b.choice));
}

/**
 * Totals entered by the chair (show of hands) or the counters (paper ballots, 计票人): whole numbers, and no more
 * than the entitled voters. Not voting is allowed, so the sum may be smaller.
 */
export function validateEnteredTotals(input: { yes: number; no: number; abstain: number; entitledCount: number }): Tally {
  for (const field of ["yes", "no", "abstain", "entitledCount"] as const) {
    const value = input[field];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new AppError("invalid_input", `${field} must be a whole number ≥ 0`, { field, details: { value } });
    }
  }
  const cast = input.yes + input.no + input.abstain;
  if (cast > input.entitledCount) {
    throw new AppError("invalid_input", "more votes than entitled voters", {
      field: "total",
      details: { cast, entitledCount: input.entitledCount },
    });
  }
  return { yes: input.yes, no: input.no, abstain: input.abstain, cast };
}

export type MotionInput = {
  bodyKind: BodyKind;
  /** Default "general". */
  matterKind?: MatterKind;
  charter?: Charter;
  /** 应到: members of the body (villagers 18+ for an assembly). */
  expected: number;
  /** 实到: online and lawful proxies included. */
  present: number;
  /** Household form (VCOL 22 / 28): both or neither. */
  households?: number;
  presentHouseholds?: number;
  /** Present (persons or households) recused on this motion. */
  recusedCount: number;
  tally: Tally;
  /** Voters frozen at opening; default: present (or households present) less the recused. */
  entitledCount?: number;
  /** The meeting's date: the law editions in force that day apply and are cited. */
  on?: Date | string;
};

export type MotionDecision = DecisionResult & { tally: Tally; entitledCount: number; notVoted: number };

/** The result of a motion from the rules engine, with its legal basis and explanation in words. */
export function decideMotion(input: MotionInput): MotionDecision {
  const { tally } = input;
  if (tally.cast !== tally.yes + tally.no + tally.abstain) {
    throw new AppError("invalid_input", "cast is not yes + no + abstain", { field: "tally.cast", details: { ...tally } });
  }
  const isHouseholdForm = input.presentHouseholds !== undefined;
  const attending = isHouseholdForm ? (input.presentHouseholds ?? 0) : input.present;
  if (!Number.isSafeInteger(input.recusedCount) || input.recusedCount < 0 || input.recusedCount > attending) {
    throw new AppError("invalid_input", "recusedCount must be a whole number between 0 and those present", {
      field: "recusedCount",
      details: { recusedCount: input.recusedCount, attending },
    });
  }
  const entitledCount = input.entitledCount ?? attending - input.recusedCount;
  if (!Number.isSafeInteger(entitledCount) || entitledCount < 0 || entitledCount > attending - input.recusedCount) {
    throw new AppError("invalid_input", "more entitled voters than present members who may vote", {
      field: "entitledCount",
      details: { entitledCount, attending, recused: input.recusedCount },
    });
  }
  if (tally.cast > entitledCount) {
    throw new AppError("conflict", "more votes than voters entitled when the vote opened", {
      field: "tally",
      details: { cast: tally.cast, entitledCount },
    });
  }
  const result = evaluateDecision({
    body: input.bodyKind,
    matter: input.matterKind ?? "general",
    members: input.expected,
    present: input.present,
    ...(isHouseholdForm ? { households: input.households, presentHouseholds: input.presentHouseholds } : {}),
    yes: tally.yes,
    no: tally.no,
    abstain: tally.abstain,
    recused: input.recusedCount,
    ...(input.charter === undefined ? {} : { charter: input.charter }),
    ...(input.on === undefined ? {} : { on: input.on }),
  });
  return { ...result, tally: { ...tally }, entitledCount, notVoted: entitledCount - tally.cast };
}
