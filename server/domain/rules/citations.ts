/**
 * Legal citations (RULES.md abbreviations) and how they read in zh-CN and en.
 * `legalBasis` strings are the law's short Chinese name, a space and the article: "村民委员会组织法 第二十六条".
 */
import { toChineseNumeral } from "./counting";
import type { Localized } from "./types";

export type LawKey = "VCOL" | "RCEOL" | "RLCL" | "LAL" | "Branch" | "CC" | "practice" | "charter";

/** A citation of one article, or (for `practice` and `charter`) of a source without articles. */
export type Citation = { law: LawKey; article?: number };

const LAW_NAMES: Record<LawKey, Localized> = {
  VCOL: { "zh-CN": "村民委员会组织法", en: "Villagers' Committee Organization Law" },
  RCEOL: { "zh-CN": "农村集体经济组织法", en: "Rural Collective Economic Organization Law" },
  RLCL: { "zh-CN": "农村土地承包法", en: "Rural Land Contract Law" },
  LAL: { "zh-CN": "土地管理法", en: "Land Administration Law" },
  Branch: { "zh-CN": "中国共产党支部工作条例（试行）", en: "Regulations on the Work of Party Branches (Trial)" },
  CC: { "zh-CN": "民法典", en: "Civil Code" },
  practice: { "zh-CN": "“四议两公开”工作法（地方实践）", en: "the “four deliberations, two disclosures” practice (local)" },
  charter: { "zh-CN": "本组织章程", en: "the body's charter" },
};

export function cite(law: LawKey, article?: number): Citation {
  return article === undefined ? { law } : { law, article };
}

/** CC 1259: "以上" includes the number itself; cited wherever a threshold says 以上. */
export const CC_COUNTING = cite("CC", 1259);

/** The `legalBasis` string: "村民委员会组织法 第二十六条". */
export function citationText(citation: Citation): string {
  const name = LAW_NAMES[citation.law]["zh-CN"];
  return citation.article === undefined ? name : `${name} 第${toChineseNumeral(citation.article)}条`;
}

/** In a sentence: 《村民委员会组织法》第二十六条 / Villagers' Committee Organization Law, art. 26. */
export function citationWords(citation: Citation): Localized {
  const names = LAW_NAMES[citation.law];
  const isStatute = citation.law !== "practice" && citation.law !== "charter";
  const zhName = isStatute ? `《${names["zh-CN"]}》` : names["zh-CN"];
  if (citation.article === undefined) return { "zh-CN": zhName, en: names.en };
  return {
    "zh-CN": `${zhName}第${toChineseNumeral(citation.article)}条`,
    en: `${names.en}, art. ${citation.article}`,
  };
}

/** Citations in order, each once. */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = citationText(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * "依据：《农村集体经济组织法》第二十八条、第二十六条。" / "Basis: Rural Collective Economic Organization Law,
 * arts. 28, 26." — articles of one law are grouped, laws keep the order of first citation.
 */
export function basisSentence(citations: readonly Citation[]): Localized {
  const groups = new Map<LawKey, number[]>();
  for (const c of uniqueCitations(citations)) {
    const articles = groups.get(c.law) ?? [];
    if (c.article !== undefined) articles.push(c.article);
    groups.set(c.law, articles);
  }
  const zh: string[] = [];
  const en: string[] = [];
  for (const [law, articles] of groups) {
    const words = citationWords({ law });
    zh.push(words["zh-CN"] + articles.map((a) => `第${toChineseNumeral(a)}条`).join("、"));
    if (articles.length === 0) en.push(words.en);
    else en.push(`${words.en}, ${articles.length === 1 ? "art." : "arts."} ${articles.join(", ")}`);
  }
  return { "zh-CN": `依据：${zh.join("、")}。`, en: `Basis: ${en.join("; ")}.` };
}
