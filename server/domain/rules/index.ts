/**
 * The rules engine (DESIGN.md §7): legal quorum and pass rules of village and cooperative bodies, made stricter
 * by a charter where it says so. Pure TypeScript, no I/O.
 */
export { evaluateDecision } from "./evaluate";
export { checkComposition, type CompositionInput } from "./composition";
export { checkNoticePeriod, NOTICE_DAYS, requiredNotice, type NoticeInput } from "./notice";
export {
  describeBodyRules,
  type BodyRulesDescription,
  type CharterSetting,
  type MatterDescription,
  type RuleDescription,
} from "./describe";
export { requiredCount } from "./counting";
export { cite, citationText, citationWords, citationsInForce, inForce, type Citation } from "./citations";
export { EDITIONS, editionOn, shanghaiDate, type Edition } from "./editions";
export { describeRuleBeforeVote, type RuleBeforeVote } from "./beforeVote";
export { BODY_RULES, MATTER_RULES, isCompetent, legalPassRule, type PassBase } from "./tables";
export {
  BODY_KINDS,
  MATTER_KINDS,
  type BodyKind,
  type Charter,
  type DecisionInput,
  type DecisionResult,
  type Fraction,
  type Localized,
  type AppliedEdition,
  type MatterKind,
  type QuorumBasis,
  type RuleWarning,
} from "./types";
export { bodyKindOf, charterOf, charterSchema, matterKindOf, type BodyCharter } from "./charter";
