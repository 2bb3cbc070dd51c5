/** The 四议两公开 pipeline of a matter (RULES.md §4). Pure: data in, data out. */
export {
  MATTER_STAGES,
  STAGE_INFO,
  assertMatterStage,
  deciderForStage,
  stageIndex,
  stageLabel,
  type MatterStage,
  type StageInfo,
} from "./stages";
export {
  MOVE_REASON_MAX,
  advanceOnVote,
  manualMove,
  type DecisionFailure,
  type ManualMove,
  type VoteMove,
} from "./pipeline";
export { checkAtOpening, checkStageBeforeVote, type OpeningFacts } from "./procedure";
