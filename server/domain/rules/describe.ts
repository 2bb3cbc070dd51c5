/**
 * describeBodyRules: the rules of a body as plain data for the rules page — quorum, pass rule, the matters it may
 * decide with each matter's rule, the citations, and the charter's settings — in zh-CN and en.
 */
import { CC_COUNTING, type Citation, citationsInForce, citationText, cite, uniqueCitations } from "./citations";
import { fractionLabel } from "./counting";
import { shanghaiDate } from "./editions";
import { BODY_RULES, isCompetent, MATTER_RULES, type PassBase, type PassRule } from "./tables";
import { type BodyKind, type Charter, type Fraction, type Localized, MATTER_KINDS, type MatterKind } from "./types";
import { assertBodyKind, assertFraction } from "./validate";

export type RuleDescription = { text: Localized; fraction: Fraction | null; legalBasis: string[]; isInferred: boolean };

export type MatterDescription = {
  matter: MatterKind;
  name: Localized;
  /** The pass rule for this matter at this body (the matter's own, or the body's). */
  pass: Localized;
  base: PassBase;
  fraction: Fraction;
  afterwards?: Localized;
  legalBasis: string[];
};

export type CharterSetting = { text: Localized; fraction: Fraction; isStricter: boolean };

export type BodyRulesDescription = {
  body: BodyKind;
  name: Localized;
  quorum: RuleDescription;
  /** The household form (户代表), where the law allows it. */
  householdQuorum: RuleDescription | null;
  pass: RuleDescription & { base: PassBase };
  matters: MatterDescription[];
  charter: { quorum?: CharterSetting; pass?: CharterSetting; recusal: Localized };
  legalBasis: string[];
};

/** 三分之二以上 / 过半数 ; at least two thirds / more than half. */
function shareWords(fraction: Fraction): Localized {
  const label = fractionLabel(fraction);
  if (fraction.isMoreThan) return label;
  if (fraction.numerator === fraction.denominator) return { "zh-CN": "全体", en: "all" };
  return { "zh-CN": `${label["zh-CN"]}以上`, en: `at least ${label.en}` };
}

function quorumWords(fraction: Fraction | null, isHousehold: boolean): Localized {
  if (fraction === null) return { "zh-CN": "法律未规定到会人数要求。", en: "The law sets no attendance requirement." };
  const share = shareWords(fraction);
  return isHousehold
    ? { "zh-CN": `按户计：须有${share["zh-CN"]}的户的代表到会。`, en: `By household: ${share.en} of households must be represented.` }
    : { "zh-CN": `须有${share["zh-CN"]}的应到人员到会。`, en: `${capitalize(share.en)} of the members must be present.` };
}

function passWords(rule: PassRule): Localized {
  const share = shareWords(rule.fraction);
  return rule.base === "attendees"
    ? { "zh-CN": `赞成票须达到到会人员的${share["zh-CN"]}。`, en: `Yes votes: ${share.en} of those present.` }
    : { "zh-CN": `赞成票须达到全体应到人员的${share["zh-CN"]}。`, en: `Yes votes: ${share.en} of all members.` };
}

function texts(citations: readonly Citation[], fraction: Fraction | null, date?: string): string[] {
  const withCounting = fraction !== null && fraction.isMoreThan !== true ? [...citations, CC_COUNTING] : citations;
  return uniqueCitations(citationsInForce(withCounting, date)).map((c) => citationText(c));
}

/** Is `a` at least as strict as `b` for every base? Compared exactly: a₁/a₂ vs b₁/b₂ by cross products. */
function isAtLeastAsStrict(a: Fraction, b: Fraction | null): boolean {
  if (b === null) return true;
  const left = BigInt(a.numerator) * BigInt(b.denominator);
  const right = BigInt(b.numerator) * BigInt(a.denominator);
  if (left !== right) return left > right;
  return a.isMoreThan === true || b.isMoreThan !== true;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function charterSetting(fraction: Fraction, legal: Fraction | null, words: Localized): CharterSetting {
  const isStricter = isAtLeastAsStrict(fraction, legal);
  const zh = words["zh-CN"].replace(/。$/, "");
  const en = words.en.replace(/\.$/, "");
  const text = isStricter
    ? { "zh-CN": `章程：${zh}。`, en: `Charter: ${en}.` }
    : { "zh-CN": `章程：${zh}（不严于法律，按法律规定执行）。`, en: `Charter: ${en} (not stricter than the law, so the law applies).` };
  return { fraction, isStricter, text };
}

/** `on`: the day whose law editions are cited (a meeting's date); without it, the newest editions. */
export function describeBodyRules(body: BodyKind, charter?: Charter, on?: string | Date): BodyRulesDescription {
  assertBodyKind(body);
  const date = on === undefined ? undefined : shanghaiDate(on);
  assertFraction(charter?.quorum, "charter.quorum");
  assertFraction(charter?.pass, "charter.pass");
  const rule = BODY_RULES[body];

  const matters = MATTER_KINDS.filter((matter) => isCompetent(body, matter)).map((matter): MatterDescription => {
    const matterRule = MATTER_RULES[matter];
    const pass = matterRule.pass ?? rule.pass;
    const basis = matterRule.pass === undefined ? [...rule.passBasis, ...matterRule.basis] : matterRule.basis;
    return {
      matter,
      name: matterRule.name,
      pass: passWords(pass),
      base: pass.base,
      fraction: pass.fraction,
      ...(matterRule.afterwards === undefined ? {} : { afterwards: matterRule.afterwards }),
      legalBasis: texts(basis, pass.fraction, date),
    };
  });

  const recusal: Localized = charter?.recusedLeaveBase
    ? { "zh-CN": "章程规定：回避人员不计入该项表决的应到和实到数。", en: "Charter: the recused leave the expected and present counts for that motion." }
    : { "zh-CN": "回避人员不参加表决，仍计入应到和实到数。", en: "The recused do not vote but still count as expected and present." };

  const competentBasis = MATTER_KINDS.filter((m) => isCompetent(body, m)).flatMap((m) => MATTER_RULES[m].basis);
  const allCitations = [...rule.quorumBasis, ...rule.passBasis, ...competentBasis, CC_COUNTING];
  if (charter !== undefined) allCitations.push(cite("charter"));
  return {
    body,
    name: rule.name,
    quorum: {
      text: quorumWords(rule.quorum, false),
      fraction: rule.quorum,
      legalBasis: texts(rule.quorumBasis, rule.quorum, date),
      isInferred: rule.isQuorumInferred,
    },
    householdQuorum:
      rule.householdQuorum === undefined
        ? null
        : {
            text: quorumWords(rule.householdQuorum, true),
            fraction: rule.householdQuorum,
            legalBasis: texts(rule.quorumBasis, rule.householdQuorum, date),
            isInferred: rule.isQuorumInferred,
          },
    pass: {
      text: passWords(rule.pass),
      fraction: rule.pass.fraction,
      base: rule.pass.base,
      legalBasis: texts(rule.passBasis, rule.pass.fraction, date),
      isInferred: rule.isPassInferred,
    },
    matters,
    charter: {
      // A charter's quorum share counts the quorum base (members, or households in the household form).
      ...(charter?.quorum === undefined ? {} : { quorum: charterSetting(charter.quorum, rule.quorum, quorumWords(charter.quorum, false)) }),
      // A charter's pass share counts the same base as the legal pass rule it tightens.
      ...(charter?.pass === undefined
        ? {}
        : { pass: charterSetting(charter.pass, rule.pass.fraction, passWords({ fraction: charter.pass, base: rule.pass.base })) }),
      recusal,
    },
    legalBasis: uniqueCitations(citationsInForce(allCitations, date)).map((c) => citationText(c)),
  };
}
