/**
 * evaluateDecision: may this body decide this matter, was the meeting quorate, did the motion pass — with the
 * legal basis and an explanation in words (DESIGN.md §7, RULES.md). Pure: data in, data out.
 */

import { AppError } from "../../errors";
import { CC_COUNTING, type Citation, citationsInForce, citationText, cite, uniqueCitations } from "./citations";
import { requiredCount } from "./counting";
import { editionById, shanghaiDate } from "./editions";
import { type AppliedRule, explainDecision } from "./explain";
import { BODY_RULES, isCompetent, legalPassRule, MATTER_RULES } from "./tables";
import type { AppliedEdition, DecisionInput, DecisionResult, Fraction } from "./types";
import { checkDecisionInput } from "./validate";

/**
 * The stricter of the legal rule and the charter's: the larger required count wins (RULES.md §3, a charter may
 * only make rules stricter). On a tie the legal rule is named.
 */
function stricter(legal: Fraction | null, charter: Fraction | undefined, base: number): AppliedRule {
  const legalCount = legal === null ? 0 : requiredCount(legal, base);
  const charterCount = charter === undefined ? 0 : requiredCount(charter, base);
  if (charter !== undefined && charterCount > legalCount) {
    return { fraction: charter, required: charterCount, isCharter: true };
  }
  return { fraction: legal, required: legalCount, isCharter: false };
}

export function evaluateDecision(input: DecisionInput): DecisionResult {
  const checked = checkDecisionInput(input);
  const { body, matter, recused, isHouseholdForm, charter } = checked;
  const bodyRule = BODY_RULES[body];
  const matterRule = MATTER_RULES[matter];
  const competent = isCompetent(body, matter);

  // RULES.md §3: by default the recused stay in the base (conservative: they weigh like a vote not cast);
  // with the charter's recusedLeaveBase they leave both the expected and the present count for this motion.
  const isRecusedOut = charter?.recusedLeaveBase === true;
  const removed = isRecusedOut ? recused : 0;
  // Household form (VCOL 22, 28): households stand in for persons in every count of the meeting.
  const expected = (isHouseholdForm ? (checked.households ?? 0) : checked.members) - removed;
  const attending = (isHouseholdForm ? (checked.presentHouseholds ?? 0) : checked.present) - removed;

  const legalQuorum = isHouseholdForm ? (bodyRule.householdQuorum ?? null) : bodyRule.quorum;
  // The charter's quorum share applies to the same base as the legal quorum (members or households). Where the
  // law sets none (成员代表大会, RCEOL 28), the charter's applies alone.
  const quorum = stricter(legalQuorum, charter?.quorum, expected);
  const quorumMet = attending >= quorum.required;

  // The matter's rule replaces the body's (RULES.md §2). The charter's pass share counts the same base as that
  // legal rule: those present where the law counts those present, all members where it counts all members.
  const passRule = legalPassRule(body, matter);
  const passBase = passRule.base === "all" ? expected : attending;
  const pass = stricter(passRule.fraction, charter?.pass, passBase);
  // Invariant: a decision needs at least one yes, even when every member is recused out of the base.
  const yesRequired = Math.max(pass.required, 1);
  const passed = competent && quorumMet && checked.yes >= yesRequired;

  const isBodyPassRule = matterRule.pass === undefined;
  const citations: Citation[] = [...bodyRule.quorumBasis];
  if (isBodyPassRule) citations.push(...bodyRule.passBasis);
  citations.push(...matterRule.basis);
  if (quorum.isCharter || pass.isCharter || (isRecusedOut && recused > 0)) citations.push(cite("charter"));
  const usesAtLeast = [quorum.fraction, pass.fraction].some((f) => f !== null && f.isMoreThan !== true);
  if (usesAtLeast) citations.push(CC_COUNTING);
  // Issue #16: the editions in force on the meeting's date decide what is cited.
  const onDate = dateOf(input.on);
  const unique = uniqueCitations(citationsInForce(citations, onDate ?? undefined));

  return {
    competent,
    quorumMet,
    quorumRequired: quorum.required,
    quorumBasis: isHouseholdForm ? "households" : "members",
    passed,
    yesRequired,
    legalBasis: unique.map((c) => citationText(c)),
    editions: appliedEditions(unique),
    onDate,
    explanation: explainDecision({
      body,
      matter,
      competent,
      isHouseholdForm,
      expected,
      attending,
      recused,
      isRecusedOut,
      quorum: { ...quorum, met: quorumMet, isInferred: bodyRule.isQuorumInferred && !quorum.isCharter },
      pass: { ...pass, required: yesRequired, base: passRule.base, isInferred: isBodyPassRule && bodyRule.isPassInferred && !pass.isCharter },
      yes: checked.yes,
      passed,
      // CC 1259 only explains counting; the sentence names the rules themselves.
      citations: unique.filter((c) => c.law !== "CC"),
    }),
  };
}

function dateOf(on: DecisionInput["on"]): string | null {
  if (on === undefined) return null;
  try {
    return shanghaiDate(on);
  } catch {
    throw new AppError("invalid_input", "on is not a valid date", { field: "on", details: { value: String(on) } });
  }
}

/** The editions cited, each once, in order of first citation. */
export function appliedEditions(citations: readonly Citation[]): AppliedEdition[] {
  const out: AppliedEdition[] = [];
  for (const c of citations) {
    const edition = c.edition === undefined ? undefined : editionById(c.edition);
    if (!edition || out.some((e) => e.id === edition.id)) continue;
    out.push({ id: edition.id, law: edition.law, label: edition.label, from: edition.from, to: edition.to });
  }
  return out;
}
