/**
 * The provisions alerts cite, in the edition in force on the day of the facts (issue #16). The rule tables
 * (server/domain/rules) carry the articles of quorum, pass and notice; the 村务公开, 村务监督 and 村务档案 provisions
 * live here. Their 2018 numbers (VCOL 30, 31, 32, 34) are cited as such; in the 2025 text, whose numbering of these
 * articles is not confirmed (editions.ts), the provision is named by its content.
 */
import { type Citation, citationText, editionOn, type Localized, shanghaiDate } from "../rules";

/** Supervisors answer an objection within this many days after the window closes (server/notice/period REPLY_DAYS). */
export const REPLY_DAYS_DEFAULT = 7;

type Provision = { article2018: number; content: Localized };

const PROVISIONS = {
  // VCOL 30: 村务公开; matters of villagers' interest are disclosed at once (随时公布).
  disclosure: { article2018: 30, content: { "zh-CN": "关于村务公开的规定", en: "the provision on disclosure of village affairs" } },
  // VCOL 31: when the committee does not disclose in time, villagers turn to the township, which orders it done.
  lateDisclosure: { article2018: 31, content: { "zh-CN": "关于不及时公布村务的规定", en: "the provision on village affairs not disclosed in time" } },
  // VCOL 32: the 村务监督委员会 supervises disclosure and the carrying out of decisions.
  supervision: { article2018: 32, content: { "zh-CN": "关于村务监督机构的规定", en: "the provision on the village affairs supervision body" } },
  // VCOL 34: the 村务档案 holds the minutes (会议记录) and must be true, accurate and complete.
  archive: { article2018: 34, content: { "zh-CN": "关于村务档案的规定", en: "the provision on the village archive" } },
} as const satisfies Record<string, Provision>;

export type ProvisionKey = keyof typeof PROVISIONS;

/** The VCOL provision as in force on `on`: "村民委员会组织法（2018年修正）第三十条", or the 2025 text by its content. */
export function vcolCitation(key: ProvisionKey, on: Date | string): Citation {
  const day = shanghaiDate(on);
  const provision = PROVISIONS[key];
  const edition = editionOn("VCOL", day);
  if (edition.id === "VCOL-2018") return { law: "VCOL", article: provision.article2018, edition: edition.id };
  return { law: "VCOL", edition: edition.id, content: provision.content };
}

export function vcolText(key: ProvisionKey, on: Date | string): string {
  return citationText(vcolCitation(key, on));
}

export function joinBasis(parts: readonly string[]): string {
  return [...new Set(parts.filter((p) => p !== ""))].join("、");
}
