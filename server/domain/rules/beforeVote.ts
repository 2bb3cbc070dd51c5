/**
 * The rule that will decide a motion, in words, before anyone votes (issue #16): body, matter kind, base and the
 * exact number of yes votes needed, with the legal basis of the edition in force on the meeting's day —
 * 「本项属于土地发包给本集体以外的单位或个人，须经全体村民代表的三分之二以上同意：需同意 10 票（应到 15 人）」.
 * The number is the rules engine's own `yesRequired` for the same counts, so the result compares against it.
 */
import { basisSentence, type Citation, cite } from "./citations";
import { fractionLabel, requiredCount } from "./counting";
import { evaluateDecision } from "./evaluate";
import { BODY_RULES, legalPassRule, MATTER_RULES, type PassBase } from "./tables";
import type { AppliedEdition, BodyKind, Charter, Fraction, Localized, MatterKind } from "./types";

export type RuleBeforeVote = {
  body: BodyKind;
  bodyName: Localized;
  matter: MatterKind;
  matterName: Localized;
  /** "matter": the item's matter set the kind; "chair": no matter is linked and the chair chose it. */
  kindSource: "matter" | "chair";
  base: PassBase;
  expected: number;
  present: number;
  recused: number;
  yesRequired: number;
  /** The charter's rule is stricter than the law's and applies. */
  isCharter: boolean;
  charter: Charter;
  onDate: string | null;
  legalBasis: string[];
  editions: AppliedEdition[];
  /** 本项属于…，须经…同意：需同意 N 票（应到 M 人） */
  sentence: Localized;
  /** 依据：《…》（2018年修正）第…条。 */
  basis: Localized;
};

export type RuleBeforeVoteInput = {
  body: BodyKind;
  matter: MatterKind;
  kindSource: "matter" | "chair";
  expected: number;
  present: number;
  recused?: number;
  charter?: Charter;
  /** The meeting's date. */
  on: string | Date;
};

/** Who the all-members base counts, body by body. */
const MEMBERS_OF: Record<BodyKind, Localized> = {
  "villagers-assembly": { "zh-CN": "村民", en: "villagers" },
  "villager-representatives": { "zh-CN": "村民代表", en: "representatives" },
  "villager-group": { "zh-CN": "村民小组成员", en: "group members" },
  "members-assembly": { "zh-CN": "成员", en: "members" },
  "member-representatives": { "zh-CN": "成员代表", en: "member representatives" },
  board: { "zh-CN": "理事", en: "directors" },
  "party-members": { "zh-CN": "有表决权的党员", en: "voting party members" },
  "party-committee": { "zh-CN": "支部委员", en: "committee members" },
  "two-committees": { "zh-CN": "两委成员", en: "committee members" },
  "supervisory-board": { "zh-CN": "监事", en: "supervisors" },
};

/** 三分之二以上 / 过半数 ; at least two thirds / more than half. */
function share(fraction: Fraction): Localized {
  const label = fractionLabel(fraction);
  if (fraction.isMoreThan || fraction.numerator === fraction.denominator) return label;
  return { "zh-CN": `${label["zh-CN"]}以上`, en: `at least ${label.en}` };
}

export function describeRuleBeforeVote(input: RuleBeforeVoteInput): RuleBeforeVote {
  const recused = input.recused ?? 0;
  const charter = input.charter ?? {};
  // The engine's answer for no votes yet: its yesRequired is the number the result is later compared against.
  const decision = evaluateDecision({
    body: input.body,
    matter: input.matter,
    members: input.expected,
    present: input.present,
    yes: 0,
    no: 0,
    abstain: 0,
    recused,
    charter,
    on: input.on,
  });
  const legal = legalPassRule(input.body, input.matter);
  const isRecusedOut = charter.recusedLeaveBase === true;
  const expected = input.expected - (isRecusedOut ? recused : 0);
  const present = input.present - (isRecusedOut ? recused : 0);
  const legalCount = Math.max(requiredCount(legal.fraction, legal.base === "all" ? expected : present), 1);
  const isCharter = decision.yesRequired > legalCount && charter.pass !== undefined;
  const fraction = isCharter && charter.pass ? charter.pass : legal.fraction;
  const members = MEMBERS_OF[input.body];
  const matterName = MATTER_RULES[input.matter].name;
  const needs = share(fraction);
  const n = decision.yesRequired;
  const baseZh = legal.base === "all" ? `全体${members["zh-CN"]}` : "到会人员";
  const baseEn = legal.base === "all" ? `all ${expected} ${members.en}` : `the ${present} present`;
  const countZh = legal.base === "all" ? `应到 ${expected} 人` : `实到 ${present} 人`;
  const charterZh = isCharter ? "（章程规定，严于法律）" : "";
  const charterEn = isCharter ? " (the charter's rule, stricter than the law)" : "";
  const sentence: Localized = {
    "zh-CN": `本项属于${matterName["zh-CN"]}，须经${baseZh}的${needs["zh-CN"]}同意${charterZh}：需同意 ${n} 票（${countZh}）`,
    en: `This is ${matterName.en}: ${needs.en} of ${baseEn} must agree${charterEn} — ${n} yes votes needed.`,
  };
  // The sentence's basis: the pass rule's citations, in the editions in force on the meeting's day.
  const rule = MATTER_RULES[input.matter];
  const citations: Citation[] = rule.pass === undefined ? [...BODY_RULES[input.body].passBasis, ...rule.basis] : [...rule.basis];
  if (isCharter) citations.push(cite("charter"));
  return {
    body: input.body,
    bodyName: BODY_RULES[input.body].name,
    matter: input.matter,
    matterName,
    kindSource: input.kindSource,
    base: legal.base,
    expected,
    present,
    recused,
    yesRequired: n,
    isCharter,
    charter,
    onDate: decision.onDate,
    legalBasis: decision.legalBasis,
    editions: decision.editions,
    sentence,
    basis: basisSentence(citations, decision.onDate ?? undefined),
  };
}
