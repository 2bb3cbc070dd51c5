import type { AuditActor } from "../../audit/append";
import { advanceOnVote, assertMatterStage, type DecisionFailure, deciderForStage, type MatterStage, STAGE_INFO } from "../../domain/matter";
import { type BodyKind, MATTER_KINDS, type MatterKind } from "../../domain/rules";
import type { Tx } from "../run";
import { recordMatterMove } from "./recordMatterMove";

export type VoteOnMatter = {
  matterId: string;
  meetingId: string;
  motionId: string;
  bodyKind: BodyKind;
  passed: boolean;
  quorumMet: boolean;
  /** Who announced the result (the chair); the log names them. Default: the system. */
  actor?: AuditActor;
  onDecisionFailure?: DecisionFailure;
};

export type MatterVoteOutcome =
  | { matterId: string; recorded: true; from: MatterStage; to: MatterStage }
  | { matterId: string; recorded: false; reason: "not_found" | "not_voting_stage" | "not_decider" };

/**
 * Called inside the transaction that announces a vote result (the live meeting's announce command): moves the
 * agenda item's matter as RULES.md §4 says (advanceOnVote) and records the meeting and motion that moved it, with
 * a `matter.moved` entry. A vote that cannot move the matter (the matter is at a stage no vote decides, or this body
 * does not decide that stage) leaves it alone and says why, without failing the announcement. A vote that keeps
 * the matter where it is (no quorum; a failed proposal) is still recorded in its history.
 */
export async function moveMatterOnVote(tx: Tx, vote: VoteOnMatter): Promise<MatterVoteOutcome> {
  const matter = await tx.matter.findUnique({ where: { id: vote.matterId }, select: { id: true, orgId: true, stage: true, kind: true } });
  if (!matter) return { matterId: vote.matterId, recorded: false, reason: "not_found" };
  assertMatterStage(matter.stage);
  const kind: MatterKind = (MATTER_KINDS as readonly string[]).includes(matter.kind) ? (matter.kind as MatterKind) : "general";
  if (!STAGE_INFO[matter.stage].isVoting) return { matterId: matter.id, recorded: false, reason: "not_voting_stage" };
  if (!deciderForStage(matter.stage, kind).includes(vote.bodyKind)) return { matterId: matter.id, recorded: false, reason: "not_decider" };
  const from = matter.stage;
  const to = advanceOnVote({
    stage: from,
    bodyKind: vote.bodyKind,
    matterKind: kind,
    passed: vote.passed,
    quorumMet: vote.quorumMet,
    onDecisionFailure: vote.onDecisionFailure,
  });
  await recordMatterMove(tx, {
    matter,
    from,
    to,
    meetingId: vote.meetingId,
    motionId: vote.motionId,
    actor: vote.actor ?? null,
    actorId: vote.actor?.id ?? null,
    audit: {
      meetingId: vote.meetingId,
      data: { meetingId: vote.meetingId, motionId: vote.motionId, passed: vote.passed, quorumMet: vote.quorumMet, manual: false },
    },
  });
  return { matterId: matter.id, recorded: true, from, to };
}
