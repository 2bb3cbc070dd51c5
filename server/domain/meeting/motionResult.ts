/**
 * What a motion leaves on record: the result computed once at close by the rules engine (stored with the motion,
 * shown on every screen, carried into notices and minutes), totals entered from paper ballots, and the passed,
 * competent vote that a matter's decision notice discloses. Pure.
 */
import { deciderForStage } from "../matter/stages";
import type { BodyKind } from "../rules";
import { matterKindOf } from "../rules/charter";
import type { Tally } from "./tally";

export type MotionResult = {
  tally: Tally;
  entitledCount: number;
  notVoted: number;
  recusedCount: number;
  competent: boolean;
  quorumMet: boolean;
  quorumRequired: number;
  passed: boolean;
  yesRequired: number;
  legalBasis: string[];
  /** The law editions cited (absent in results recorded before editions were). */
  editions?: string[];
  explanation: { "zh-CN": string; en: string };
  /** Secret ballots: every ballot's tracker, sorted, so that each voter can find their own. */
  trackers?: string[];
};

/** Totals counted from paper ballots: entered by one, confirmed by another. */
export type EnteredTotals = { yes: number; no: number; abstain: number; enteredBy: string; confirmedBy: string | null };

/** A passed vote on a matter as the record holds it: what a decision notice discloses. */
export type DecisionRecord = {
  motion: {
    id: string;
    text: string;
    method: string;
    matterKind: string;
    expected: number | null;
    present: number | null;
    announcedAt: Date | null;
    result: MotionResult;
  };
  meeting: { id: string; number: string; title: string; startsAt: Date };
  body: { id: string; name: string; kind: string; chairId: string | null };
};

/** Is this stored result a lawful yes: competent body, quorum met, passed? */
export function isPassed(result: unknown): result is MotionResult {
  const r = result as Partial<MotionResult> | null;
  return !!r && r.passed === true && r.competent === true && r.quorumMet === true && typeof r.tally === "object";
}

/** Does a body of this kind decide a matter of this kind at the decision stage (RULES.md §4)? */
export function decidesMatter(bodyKind: string, matterKind: string): boolean {
  return deciderForStage("decision", matterKindOf(matterKind)).includes(bodyKind as BodyKind);
}
