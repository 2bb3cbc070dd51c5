/**
 * Who convenes a body's meeting, and how many must petition to require one. Pure; the law's words are cited.
 */
import { type BodyKind, type Citation, citationText, cite, type Fraction, type Localized, type RuleWarning, requiredCount } from "../rules";

export type PetitionRule = { base: "representatives" | "villagers"; fraction: Fraction; basis: Citation; words: Localized };

/** The organ that convenes by law (召集人); the meeting record names it with the basis (regular or petition). */
const CONVENER_RULES: Partial<Record<BodyKind, { who: Localized; basis: Citation }>> = {
  // VCOL 21 / 26: 村民会议、村民代表会议由村民委员会召集.
  "villagers-assembly": { who: { "zh-CN": "村民委员会", en: "the villagers' committee" }, basis: cite("VCOL", 21) },
  "villager-representatives": { who: { "zh-CN": "村民委员会", en: "the villagers' committee" }, basis: cite("VCOL", 26) },
  // RCEOL 27: 成员大会……由理事会召集.
  "members-assembly": { who: { "zh-CN": "理事会", en: "the board" }, basis: cite("RCEOL", 27) },
  "member-representatives": { who: { "zh-CN": "理事会", en: "the board" }, basis: cite("RCEOL", 28) },
};

/** The convener by law, cited in the edition in force on the meeting's day (`on`: "YYYY-MM-DD"). */
export function convenerOf(body: BodyKind, on: string): { who: Localized; legalBasis: string } | null {
  const rule = CONVENER_RULES[body];
  return rule ? { who: rule.who, legalBasis: citationText(rule.basis, on) } : null;
}

/**
 * Petitions that oblige the convener (应当召集): VCOL 26 — 五分之一以上的村民代表; VCOL 21 — 十分之一以上的村民
 * (or 三分之一以上的村民代表, which a petition counted in villagers does not show). Other bodies: the charter.
 */
export const PETITION_RULES: Partial<Record<BodyKind, PetitionRule>> = {
  "villager-representatives": {
    base: "representatives",
    fraction: { numerator: 1, denominator: 5 },
    basis: cite("VCOL", 26),
    words: { "zh-CN": "五分之一以上的村民代表提议", en: "a petition of at least one fifth of the representatives" },
  },
  "villagers-assembly": {
    base: "villagers",
    fraction: { numerator: 1, denominator: 10 },
    basis: cite("VCOL", 21),
    words: {
      "zh-CN": "十分之一以上的村民或者三分之一以上的村民代表提议",
      en: "a petition of at least one tenth of the villagers or one third of the representatives",
    },
  },
};

/** A warning when a petition has fewer signatures than the law's threshold; none where the law sets none. */
export function checkPetition(body: BodyKind, petitioners: number, base: number, on: string): RuleWarning[] {
  const rule = PETITION_RULES[body];
  if (!rule || base <= 0) return [];
  const needed = requiredCount(rule.fraction, base);
  if (petitioners >= needed) return [];
  return [
    {
      code: "petition_below_threshold",
      legalBasis: citationText(rule.basis, on),
      message: {
        "zh-CN": `提议人数${petitioners}人；依法须${rule.words["zh-CN"]}（${base}人中至少${needed}人）方应当召集。`,
        en: `${petitioners} petitioners: the law requires ${rule.words.en} (${needed} of ${base}).`,
      },
    },
  ];
}
