/** The 四议两公开 pipeline of a matter (RULES.md §4). Pure: data in, data out. */

export {
  advanceOnVote,
  type DecisionFailure,
  type ManualMove,
  MOVE_REASON_MAX,
  manualMove,
  type VoteMove,
} from "./pipeline";
export { checkAtOpening, checkStageBeforeVote, type OpeningFacts } from "./procedure";
export {
  assertMatterStage,
  deciderForStage,
  MATTER_STAGES,
  type MatterStage,
  STAGE_INFO,
  type StageInfo,
  stageIndex,
  stageLabel,
} from "./stages";
