/**
 * How far a co-signed proposal (联名提议) is from the thresholds at which the law obliges the convener to call a
 * meeting. Pure. "以上" includes the number itself (CC 1259), so the count needed is ⌈base × share⌉.
 * VCOL (2025 edition) art. 25: 有十分之一以上的村民或者三分之一以上的村民代表提议，应当召集村民会议.
 * VCOL art. 30: 有五分之一以上的村民代表提议，应当召集村民代表会议.
 */
import { type BodyKind, type Fraction, type Localized, requiredCount } from "../rules";

export type PetitionCounts = {
  /** Adult villagers of the village (the base of the one-tenth rule). */
  villagers: number;
  /** Representatives on the 村民代表会议 roster (the base of the one-third and one-fifth rules). */
  representatives: number;
  /** Eligible co-signatories, and how many of them are representatives. */
  signed: number;
  signedRepresentatives: number;
};

export type PetitionProgress = {
  key: "villagers-tenth" | "representatives-third" | "representatives-fifth";
  body: BodyKind;
  signed: number;
  needed: number;
  base: number;
  reached: boolean;
  legalBasis: string;
  words: Localized;
};

const RULES: {
  key: PetitionProgress["key"];
  body: BodyKind;
  of: "villagers" | "representatives";
  share: Fraction;
  legalBasis: string;
  zh: string;
  en: string;
}[] = [
  {
    key: "villagers-tenth",
    body: "villagers-assembly",
    of: "villagers",
    share: { numerator: 1, denominator: 10 },
    legalBasis: "村民委员会组织法（2025年修正）第二十五条",
    zh: "十分之一以上的村民提议召集村民会议",
    en: "one tenth of the villagers: a villagers' assembly",
  },
  {
    key: "representatives-third",
    body: "villagers-assembly",
    of: "representatives",
    share: { numerator: 1, denominator: 3 },
    legalBasis: "村民委员会组织法（2025年修正）第二十五条",
    zh: "三分之一以上的村民代表提议召集村民会议",
    en: "one third of the representatives: a villagers' assembly",
  },
  {
    key: "representatives-fifth",
    body: "villager-representatives",
    of: "representatives",
    share: { numerator: 1, denominator: 5 },
    legalBasis: "村民委员会组织法（2025年修正）第三十条",
    zh: "五分之一以上的村民代表提议召集村民代表会议",
    en: "one fifth of the representatives: a representatives' meeting",
  },
];

export function petitionProgress(counts: PetitionCounts): PetitionProgress[] {
  return RULES.filter((rule) => (rule.of === "villagers" ? counts.villagers : counts.representatives) > 0).map((rule) => {
    const base = rule.of === "villagers" ? counts.villagers : counts.representatives;
    const signed = rule.of === "villagers" ? counts.signed : counts.signedRepresentatives;
    const needed = requiredCount(rule.share, base);
    return {
      key: rule.key,
      body: rule.body,
      signed,
      needed,
      base,
      reached: signed >= needed,
      legalBasis: rule.legalBasis,
      words: {
        "zh-CN": `已联名 ${signed} 人 / 需 ${rule.share.numerator}/${rule.share.denominator} ${rule.of === "villagers" ? "村民" : "村民代表"} = ${needed} 人（${rule.zh}）`,
        en: `${signed} signed / ${needed} of ${base} needed (${rule.en})`,
      },
    };
  });
}
