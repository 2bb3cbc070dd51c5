/**
 * The stages of a matter under 四议两公开 (RULES.md §4, DESIGN.md §3) and which bodies decide at each.
 */
import { AppError } from "../../errors";
import { type BodyKind, isCompetent, type Localized, type MatterKind } from "../rules";

/** In order. The last three are terminal. */
export const MATTER_STAGES = [
  "raised",
  "proposal",
  "consultation",
  "review",
  "decision",
  "decision_disclosure",
  "implementation",
  "result_disclosure",
  "closed",
  "closed_rejected",
  "closed_withdrawn",
] as const;
export type MatterStage = (typeof MATTER_STAGES)[number];

export type StageInfo = { code: string; name: Localized; isTerminal: boolean; isVoting: boolean };

export const STAGE_INFO: Record<MatterStage, StageInfo> = {
  raised: { code: "S0", name: { "zh-CN": "动议", en: "raised" }, isTerminal: false, isVoting: false },
  proposal: { code: "S1", name: { "zh-CN": "党组织提议", en: "party proposal" }, isTerminal: false, isVoting: true },
  consultation: { code: "S2", name: { "zh-CN": "两委会商议", en: "joint consultation" }, isTerminal: false, isVoting: true },
  review: { code: "S3", name: { "zh-CN": "党员大会审议", en: "party members' review" }, isTerminal: false, isVoting: true },
  decision: { code: "S4", name: { "zh-CN": "决议", en: "decision" }, isTerminal: false, isVoting: true },
  decision_disclosure: { code: "S5", name: { "zh-CN": "决议公开", en: "decision disclosure" }, isTerminal: false, isVoting: false },
  implementation: { code: "S6", name: { "zh-CN": "组织实施", en: "implementation" }, isTerminal: false, isVoting: false },
  result_disclosure: { code: "S7", name: { "zh-CN": "实施结果公开", en: "result disclosure" }, isTerminal: false, isVoting: false },
  closed: { code: "closed", name: { "zh-CN": "已办结", en: "closed" }, isTerminal: true, isVoting: false },
  closed_rejected: { code: "closed", name: { "zh-CN": "未通过，已终止", en: "closed: rejected" }, isTerminal: true, isVoting: false },
  closed_withdrawn: { code: "closed", name: { "zh-CN": "已撤回", en: "closed: withdrawn" }, isTerminal: true, isVoting: false },
};

/**
 * How a stage reads in a list: "S4 决议" while the matter moves (S0–S7 are the steps of 四议两公开 as people number
 * them), the name alone once it is closed — the internal code "closed" is no word for anyone ("已撤回", not
 * "closed 已撤回").
 */
export function stageLabel(stage: MatterStage, locale: keyof Localized): string {
  const info = STAGE_INFO[stage];
  return info.isTerminal ? info.name[locale] : `${info.code} ${info.name[locale]}`;
}

/**
 * RULES.md §4 "decided by" for S4: 村民会议 / 村民代表会议, or 成员(代表)大会 for collective assets. Which of
 * these may decide a given matter is the rules engine's competence table (RULES.md §2).
 */
const DECISION_BODIES: readonly BodyKind[] = ["villagers-assembly", "villager-representatives", "members-assembly", "member-representatives"];

export function assertMatterStage(value: unknown, field = "stage"): asserts value is MatterStage {
  if (!(MATTER_STAGES as readonly unknown[]).includes(value)) {
    throw new AppError("invalid_input", `unknown matter stage: ${String(value)}`, { field });
  }
}

export function stageIndex(stage: MatterStage): number {
  return MATTER_STAGES.indexOf(stage);
}

/** The body kinds whose vote moves a matter at this stage; empty where no vote decides (S0, S5–S7, closed). */
export function deciderForStage(stage: MatterStage, matterKind: MatterKind): BodyKind[] {
  switch (stage) {
    case "proposal":
      return ["party-committee"];
    case "consultation":
      return ["two-committees"];
    case "review":
      return ["party-members"];
    case "decision":
      return DECISION_BODIES.filter((body) => isCompetent(body, matterKind));
    default:
      return [];
  }
}
