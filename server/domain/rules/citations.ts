/**
 * Legal citations (RULES.md abbreviations) and how they read in zh-CN and en. A citation always names its edition
 * (issue #16): `legalBasis` strings read "村民委员会组织法（2018年修正）第二十六条", or, where an article number of
 * an edition is not confirmed, "村民委员会组织法（2025年修正）关于村民代表会议召开和作出决定的规定".
 */
import { toChineseNumeral } from "./counting";
import { BASE_EDITION, type Edition, editionById, editionOn, type ProvisionMove, type StatuteKey, VCOL_2025 } from "./editions";
import type { Localized } from "./types";

export type LawKey = StatuteKey | "practice" | "charter";

/**
 * A citation of one article, or (for `practice` and `charter`) of a source without articles. In the rule tables
 * the article is numbered by the statute's base edition (editions.ts BASE_EDITION) and `edition` is unset;
 * `inForce` fixes the edition of a date, and then either `article` is that edition's number or `content` names
 * the provision.
 */
export type Citation = { law: LawKey; article?: number; edition?: string; content?: Localized };

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

function isStatute(law: LawKey): law is StatuteKey {
  return law !== "practice" && law !== "charter";
}

/**
 * The citation in the edition in force on `date` ("YYYY-MM-DD"; without a date, the newest edition). A citation
 * that already names its edition is kept as it is: recorded results are never renumbered.
 */
export function inForce(citation: Citation, date?: string, vcol2025: Record<number, ProvisionMove> = VCOL_2025): Citation {
  if (!isStatute(citation.law) || citation.edition !== undefined) return citation;
  const edition = editionOn(citation.law, date);
  if (edition.id === BASE_EDITION[citation.law] || citation.article === undefined) return { ...citation, edition: edition.id };
  if (citation.law === "VCOL" && edition.id === "VCOL-2025") {
    const moved = vcol2025[citation.article];
    if (moved?.article != null) return { law: "VCOL", article: moved.article, edition: edition.id };
    if (moved) return { law: "VCOL", edition: edition.id, content: moved.content };
  }
  throw new RangeError(`no ${edition.id} provision for ${citation.law} ${citation.article}`);
}

export function citationsInForce(citations: readonly Citation[], date?: string): Citation[] {
  return citations.map((c) => inForce(c, date));
}

function editionOf(citation: Citation): Edition | undefined {
  return citation.edition === undefined ? undefined : editionById(citation.edition);
}

/** The `legalBasis` string: "村民委员会组织法（2018年修正）第二十六条". A citation without edition is read in the newest. */
export function citationText(citation: Citation, date?: string): string {
  const c = inForce(citation, date);
  const name = LAW_NAMES[c.law]["zh-CN"];
  const edition = editionOf(c);
  const titled = edition ? `${name}（${edition.label["zh-CN"]}）` : name;
  if (c.content) return `${titled}${c.content["zh-CN"]}`;
  return c.article === undefined ? titled : `${titled}第${toChineseNumeral(c.article)}条`;
}

/** In a sentence: 《村民委员会组织法》（2018年修正）第二十六条 / Villagers' Committee Organization Law (2018 amendment), art. 26. */
export function citationWords(citation: Citation, date?: string): Localized {
  const c = inForce(citation, date);
  const names = LAW_NAMES[c.law];
  const edition = editionOf(c);
  const zhName = (isStatute(c.law) ? `《${names["zh-CN"]}》` : names["zh-CN"]) + (edition ? `（${edition.label["zh-CN"]}）` : "");
  const enName = names.en + (edition ? ` (${edition.label.en})` : "");
  if (c.content) return { "zh-CN": `${zhName}${c.content["zh-CN"]}`, en: `${enName}, ${c.content.en}` };
  if (c.article === undefined) return { "zh-CN": zhName, en: enName };
  return { "zh-CN": `${zhName}第${toChineseNumeral(c.article)}条`, en: `${enName}, art. ${c.article}` };
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
 * "依据：《农村集体经济组织法》（2024年通过）第二十八条、第二十六条。" — articles of one edition of a law are
 * grouped, laws keep the order of first citation; a provision cited by its content stands on its own.
 */
export function basisSentence(citations: readonly Citation[], date?: string): Localized {
  const groups = new Map<string, { head: Citation; articles: number[] }>();
  const zh: string[] = [];
  const en: string[] = [];
  const resolved = uniqueCitations(citationsInForce(citations, date));
  for (const c of resolved) {
    const key = c.content ? citationText(c) : `${c.law}|${c.edition ?? ""}`;
    const group = groups.get(key) ?? { head: c, articles: [] };
    if (c.article !== undefined && !c.content) group.articles.push(c.article);
    groups.set(key, group);
  }
  for (const { head, articles } of groups.values()) {
    if (head.content) {
      const words = citationWords(head);
      zh.push(words["zh-CN"]);
      en.push(words.en);
      continue;
    }
    const words = citationWords({ law: head.law, ...(head.edition ? { edition: head.edition } : {}) });
    zh.push(words["zh-CN"] + articles.map((a) => `第${toChineseNumeral(a)}条`).join("、"));
    if (articles.length === 0) en.push(words.en);
    else en.push(`${words.en}, ${articles.length === 1 ? "art." : "arts."} ${articles.join(", ")}`);
  }
  return { "zh-CN": `依据：${zh.join("、")}。`, en: `Basis: ${en.join("; ")}.` };
}
