/**
 * The decision in plain words, zh-CN and en, for villagers reading a result on a phone:
 * 「应到30人，实到20人，达到三分之二（20人），会议有效。同意10票，未达到实到人数的过半数（11票），未通过。依据：…」
 */
import { basisSentence, type Citation } from "./citations";
import { fractionLabel } from "./counting";
import { BODY_RULES, MATTER_RULES, type PassBase } from "./tables";
import type { BodyKind, Fraction, Localized, MatterKind } from "./types";

export type AppliedRule = { fraction: Fraction | null; required: number; isCharter: boolean };

export type DecisionFacts = {
  body: BodyKind;
  matter: MatterKind;
  competent: boolean;
  isHouseholdForm: boolean;
  /** Expected and present, after the recused left the base where the charter says so. */
  expected: number;
  attending: number;
  recused: number;
  isRecusedOut: boolean;
  quorum: AppliedRule & { met: boolean; isInferred: boolean };
  pass: AppliedRule & { base: PassBase; isInferred: boolean };
  yes: number;
  passed: boolean;
  citations: Citation[];
};

type Sentences = { zh: string[]; en: string[] };

function add(out: Sentences, text: Localized): void {
  out.zh.push(text["zh-CN"]);
  out.en.push(text.en);
}

function competenceSentence(f: DecisionFacts): Localized {
  const body = BODY_RULES[f.body].name;
  const matter = MATTER_RULES[f.matter].name;
  return {
    "zh-CN": `${body["zh-CN"]}无权决定“${matter["zh-CN"]}”，本项不能通过。`,
    en: `A ${body.en} may not decide “${matter.en}”; this motion cannot pass.`,
  };
}

function recusalSentence(f: DecisionFacts, unit: string): Localized {
  if (f.isRecusedOut) {
    return {
      "zh-CN": `回避${f.recused}${unit}，依章程不计入本项表决的应到和实到数。`,
      en: `${f.recused} recused: under the charter they leave the expected and present counts for this motion.`,
    };
  }
  return {
    "zh-CN": `回避${f.recused}${unit}，不参加表决，仍计入应到和实到数。`,
    en: `${f.recused} recused: they do not vote but still count as expected and present.`,
  };
}

function quorumSentence(f: DecisionFacts, unit: string): Localized {
  const counts = {
    "zh-CN": `应到${f.expected}${unit}，实到${f.attending}${unit}，`,
    en: f.isHouseholdForm ? `${f.expected} households expected, ${f.attending} represented: ` : `${f.expected} expected, ${f.attending} present: `,
  };
  const { fraction, required, met, isCharter } = f.quorum;
  if (fraction === null) {
    return {
      "zh-CN": `${counts["zh-CN"]}法律未规定到会人数要求，会议可以表决。`,
      en: `${counts.en}the law sets no attendance requirement; the meeting may vote.`,
    };
  }
  const label = fractionLabel(fraction);
  let zh: string;
  let en: string;
  if (isCharter) {
    zh = `${met ? "达到" : "不足"}章程规定的人数（${label["zh-CN"]}，${required}${unit}）`;
    en = `${met ? "as many as" : "fewer than"} the charter requires (${label.en}: ${required})`;
  } else if (fraction.isMoreThan) {
    zh = `${met ? "已" : "未"}${label["zh-CN"]}（${required}${unit}）`;
    en = `${met ? "" : "not "}${label.en} (${required})`;
  } else {
    zh = `${met ? "达到" : "不足"}${label["zh-CN"]}（${required}${unit}）`;
    en = `${met ? "at least" : "fewer than"} ${label.en} (${required})`;
  }
  return {
    "zh-CN": `${counts["zh-CN"]}${zh}，${met ? "会议有效" : "会议不能作出决定"}。`,
    en: `${counts.en}${en}; ${met ? "the meeting may decide" : "the meeting cannot decide"}.`,
  };
}

function passSentence(f: DecisionFacts): Localized {
  const { fraction, required, base, isCharter } = f.pass;
  const isMet = f.yes >= required;
  const label = fraction === null ? { "zh-CN": "", en: "" } : fractionLabel(fraction);
  const baseWords =
    base === "attendees"
      ? f.isHouseholdForm
        ? { "zh-CN": "到会户数", en: "the households present" }
        : { "zh-CN": "实到人数", en: "those present" }
      : f.isHouseholdForm
        ? { "zh-CN": `应到户数（${f.expected}户）`, en: `all ${f.expected} households` }
        : { "zh-CN": `应到人数（${f.expected}人）`, en: `all ${f.expected} expected` };
  const charterZh = isCharter ? "章程规定的" : "";
  const charterEn = isCharter ? " (charter rule)" : "";
  return {
    "zh-CN": `同意${f.yes}票，${isMet ? "达到" : "未达到"}${charterZh}${baseWords["zh-CN"]}的${label["zh-CN"]}（${required}票），${f.passed ? "通过" : "未通过"}。`,
    en: `${f.yes} yes: ${isMet ? "reaches" : "short of"} ${label.en} of ${baseWords.en}${charterEn} (${required}); ${f.passed ? "passed" : "not passed"}.`,
  };
}

function inferredSentence(body: BodyKind): Localized {
  const name = BODY_RULES[body].name;
  return {
    "zh-CN": `（法律未明确规定${name["zh-CN"]}的这项规则，此为推定规则，章程可另行规定。）`,
    en: `(The law does not state this rule for a ${name.en}; it is inferred, and the charter may set its own.)`,
  };
}

export function explainDecision(f: DecisionFacts): Localized {
  const out: Sentences = { zh: [], en: [] };
  const unit = f.isHouseholdForm ? "户" : "人";
  if (!f.competent) add(out, competenceSentence(f));
  if (f.recused > 0) add(out, recusalSentence(f, unit));
  add(out, quorumSentence(f, unit));
  if (f.competent && f.quorum.met) {
    add(out, passSentence(f));
    const afterwards = MATTER_RULES[f.matter].afterwards;
    if (f.passed && afterwards !== undefined) add(out, afterwards);
  }
  if (f.quorum.isInferred || f.pass.isInferred) add(out, inferredSentence(f.body));
  add(out, basisSentence(f.citations));
  return { "zh-CN": out.zh.join(""), en: out.en.join(" ") };
}
