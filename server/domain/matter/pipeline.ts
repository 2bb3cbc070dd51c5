/**
 * How a matter moves through 四议两公开: on a vote of the body deciding its stage (RULES.md §4), or by a
 * recorded manual move with a reason. Pure; the command writes the move and its audit entry.
 */
import { AppError } from "../../errors";
import type { BodyKind, MatterKind } from "../rules";
import { assertMatterStage, deciderForStage, MATTER_STAGES, type MatterStage, STAGE_INFO, stageIndex } from "./stages";

/**
 * RULES.md §4 leaves a failed decision (S4) two ways: "closed, or back to S2". "close" is the default: the
 * deciding body's no is the villagers' (or members') answer, and a matter must not drift back into consultation
 * unless someone chooses that on the record. "reconsult" sends a revised plan back to the two committees.
 */
export type DecisionFailure = "close" | "reconsult";

export type VoteMove = {
  stage: MatterStage;
  bodyKind: BodyKind;
  matterKind: MatterKind;
  passed: boolean;
  /** A vote without quorum decides nothing: the matter stays where it is. Default true. */
  quorumMet?: boolean;
  onDecisionFailure?: DecisionFailure;
};

/** RULES.md §4 "on failure": S1 stays, S2 → S1, S3 → S2, S4 → closed or S2. */
const ON_FAILURE: Partial<Record<MatterStage, MatterStage>> = {
  proposal: "proposal",
  consultation: "proposal",
  review: "consultation",
};

/** The matter's stage after a vote of `bodyKind` at `stage`. */
export function advanceOnVote(move: VoteMove): MatterStage {
  const { stage, bodyKind, matterKind } = move;
  assertMatterStage(stage);
  if (!STAGE_INFO[stage].isVoting) {
    throw new AppError("conflict", `no vote decides a matter at stage ${stage}`, { field: "stage", details: { stage } });
  }
  const deciders = deciderForStage(stage, matterKind);
  if (!deciders.includes(bodyKind)) {
    throw new AppError("conflict", `a ${bodyKind} does not decide a ${matterKind} matter at stage ${stage}`, {
      field: "bodyKind",
      details: { stage, bodyKind, matterKind, deciders },
    });
  }
  if (move.quorumMet === false) return stage;
  if (move.passed) return MATTER_STAGES[stageIndex(stage) + 1];
  if (stage === "decision") return (move.onDecisionFailure ?? "close") === "reconsult" ? "consultation" : "closed_rejected";
  return ON_FAILURE[stage] ?? stage;
}

export const MOVE_REASON_MAX = 500;

export type ManualMove = { from: MatterStage; to: MatterStage; reason: string };

/**
 * Where a manual move may go:
 * - back to any earlier open stage (a review reopened after objections to a notice, a plan sent back);
 * - one stage forward only from a stage no vote decides (S0 → S1 when the party committee takes the matter up,
 *   S5 → S6 after the notice period, S6 → S7, S7 → closed): a voting stage moves forward only on a passed vote;
 * - to closed_withdrawn (撤回) from S0–S4, before any decision is disclosed; after that the decision is carried
 *   out or reopened on the record;
 * - never out of a closed stage, and never to closed_rejected, which only a vote reaches.
 */
function isAllowedMove(from: MatterStage, to: MatterStage): boolean {
  if (STAGE_INFO[from].isTerminal || to === "closed_rejected" || to === from) return false;
  if (to === "closed_withdrawn") return stageIndex(from) <= stageIndex("decision");
  if (stageIndex(to) < stageIndex(from)) return true;
  return stageIndex(to) === stageIndex(from) + 1 && !STAGE_INFO[from].isVoting;
}

/** Validates a manual move; returns it with the reason trimmed. */
export function manualMove(move: ManualMove): ManualMove {
  assertMatterStage(move.from, "from");
  assertMatterStage(move.to, "to");
  const reason = typeof move.reason === "string" ? move.reason.trim() : "";
  if (reason === "") throw new AppError("invalid_input", "a manual move needs a reason", { field: "reason" });
  // Counted in code points, so a Chinese character counts as one.
  if (Array.from(reason).length > MOVE_REASON_MAX) {
    throw new AppError("invalid_input", `the reason is longer than ${MOVE_REASON_MAX} characters`, { field: "reason" });
  }
  if (!isAllowedMove(move.from, move.to)) {
    throw new AppError("conflict", `a matter cannot move by hand from ${move.from} to ${move.to}`, {
      field: "to",
      details: { from: move.from, to: move.to },
    });
  }
  return { from: move.from, to: move.to, reason };
}
