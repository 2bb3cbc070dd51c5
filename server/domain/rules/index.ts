/**
 * The rules engine (DESIGN.md §7): legal quorum and pass rules of village and cooperative bodies, made stricter
 * by a charter where it says so. Pure TypeScript, no I/O.
 */

export { describeRuleBeforeVote, type RuleBeforeVote } from "./beforeVote";
export { type BodyCharter, bodyKindOf, charterOf, charterSchema, matterKindOf } from "./charter";
export { type Citation, citationsInForce, citationText, citationWords, cite, inForce } from "./citations";
export { type CompositionInput, checkComposition } from "./composition";
export { requiredCount } from "./counting";
export {
  type BodyRulesDescription,
  type CharterSetting,
  describeBodyRules,
  type MatterDescription,
  type RuleDescription,
} from "./describe";
export { EDITIONS, type Edition, editionOn, shanghaiDate } from "./editions";
export { evaluateDecision } from "./evaluate";
export { checkNoticePeriod, NOTICE_DAYS, type NoticeInput, requiredNotice } from "./notice";
export { BODY_RULES, isCompetent, legalPassRule, MATTER_RULES, type PassBase } from "./tables";
export {
  type AppliedEdition,
  BODY_KINDS,
  type BodyKind,
  type Charter,
  type DecisionInput,
  type DecisionResult,
  type Fraction,
  type Localized,
  MATTER_KINDS,
  type MatterKind,
  type QuorumBasis,
  type RuleWarning,
} from "./types";
