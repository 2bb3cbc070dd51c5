/**
 * Editions of the laws the rules cite. A decision applies, and cites, the edition in force on the meeting's date
 * (issue #16): the 村民委员会组织法 was amended on 2025-10-28 and the amended text is in force from 2026-01-01, and
 * its article numbers after the new early articles moved. Dates are calendar days in Asia/Shanghai.
 *
 * Article numbers of an edition are taken only from its published text. Where a number has not been confirmed
 * from a source, the citation names the edition and the provision's content instead (README, "Law editions").
 */
import { chinaDateInput } from "../../time";
import type { Localized } from "./types";

export type StatuteKey = "VCOL" | "RCEOL" | "RLCL" | "LAL" | "Branch" | "CC";

export type Edition = {
  law: StatuteKey;
  /** Stable id, e.g. "VCOL-2018". */
  id: string;
  label: Localized;
  /** First and last day in force ("YYYY-MM-DD"); `to` null while in force. */
  from: string;
  to: string | null;
};

/** Every edition of each statute, oldest first. */
export const EDITIONS: Record<StatuteKey, readonly Edition[]> = {
  VCOL: [
    // The 2018-12-29 amendment (term of office) kept the 2010 numbering; in force on adoption.
    { law: "VCOL", id: "VCOL-2018", label: { "zh-CN": "2018年修正", en: "2018 amendment" }, from: "2018-12-29", to: "2025-12-31" },
    // Amended 2025-10-28 by the NPC Standing Committee; in force 2026-01-01 (7 chapters, 50 articles).
    { law: "VCOL", id: "VCOL-2025", label: { "zh-CN": "2025年修正", en: "2025 amendment" }, from: "2026-01-01", to: null },
  ],
  // Adopted 2024-06-28, in force 2025-05-01.
  RCEOL: [{ law: "RCEOL", id: "RCEOL-2024", label: { "zh-CN": "2024年通过", en: "2024" }, from: "2025-05-01", to: null }],
  // Amended 2018-12-29, in force 2019-01-01.
  RLCL: [{ law: "RLCL", id: "RLCL-2018", label: { "zh-CN": "2018年修正", en: "2018 amendment" }, from: "2019-01-01", to: null }],
  // Amended 2019-08-26, in force 2020-01-01.
  LAL: [{ law: "LAL", id: "LAL-2019", label: { "zh-CN": "2019年修正", en: "2019 amendment" }, from: "2020-01-01", to: null }],
  // Issued by the CPC Central Committee in October 2018.
  Branch: [{ law: "Branch", id: "Branch-2018", label: { "zh-CN": "2018年印发", en: "2018" }, from: "2018-10-28", to: null }],
  // Adopted 2020-05-28, in force 2021-01-01.
  CC: [{ law: "CC", id: "CC-2020", label: { "zh-CN": "2020年通过", en: "2020" }, from: "2021-01-01", to: null }],
};

/**
 * Where the tables cite a statute by the numbering of its base edition (VCOL: 2018), the same provision in a later
 * edition: its confirmed article number, or none — then it is cited by its content.
 */
export type ProvisionMove = { article: number | null; content: Localized };

/**
 * VCOL 2018 article → the 2025 amendment's provision. Numbers only where confirmed from the consolidated text
 * (主席令第五十九号, as published by 新疆维吾尔自治区司法厅, 2025-11; README "Law editions"): the quorum and pass rules
 * of 村民会议 (26), 村民代表会议 (30) and 村民小组会议 (32 para 2), the composition quotas (29) and the ten days'
 * notice (25) are unchanged in substance. Art. 28 no longer lists 征地补偿费; its para 4 refers matters of
 * collective property to the 农村集体经济组织法.
 */
export const VCOL_2025: Record<number, ProvisionMove> = {
  21: { article: 25, content: { "zh-CN": "关于召集村民会议应当提前通知的规定", en: "the provision on notice before a villagers' assembly" } },
  22: { article: 26, content: { "zh-CN": "关于村民会议召开和作出决定的规定", en: "the provision on convening and deciding at a villagers' assembly" } },
  24: { article: 28, content: { "zh-CN": "关于须经村民会议讨论决定的事项的规定", en: "the provision on matters decided by the villagers' assembly" } },
  25: { article: 29, content: { "zh-CN": "关于村民代表会议组成的规定", en: "the provision on the composition of the villager representatives' meeting" } },
  26: {
    article: 30,
    content: { "zh-CN": "关于村民代表会议召开和作出决定的规定", en: "the provision on convening and deciding at the villager representatives' meeting" },
  },
  28: { article: 32, content: { "zh-CN": "关于村民小组会议的规定", en: "the provision on villager group meetings" } },
};

/** The base edition the rule tables number their citations by, per statute. */
export const BASE_EDITION: Record<StatuteKey, string> = {
  VCOL: "VCOL-2018",
  RCEOL: "RCEOL-2024",
  RLCL: "RLCL-2018",
  LAL: "LAL-2019",
  Branch: "Branch-2018",
  CC: "CC-2020",
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "YYYY-MM-DD" of a date in Asia/Shanghai (UTC+8 all year); a "YYYY-MM-DD" string is taken as it is. */
export function shanghaiDate(value: string | Date): string {
  if (typeof value === "string" && DATE_ONLY.test(value)) return value;
  const ms = typeof value === "string" ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(value)}`);
  return chinaDateInput(ms);
}

/**
 * The edition in force on `date`; without a date, the newest. A date before the oldest edition we hold gets the
 * oldest one (the rules engine holds no earlier text).
 */
export function editionOn(law: StatuteKey, date?: string): Edition {
  const editions = EDITIONS[law];
  const newest = editions[editions.length - 1] as Edition;
  if (date === undefined) return newest;
  const found = editions.find((e) => e.from <= date && (e.to === null || date <= e.to));
  if (found) return found;
  return date < (editions[0] as Edition).from ? (editions[0] as Edition) : newest;
}

export function editionById(id: string): Edition | undefined {
  for (const editions of Object.values(EDITIONS)) {
    const found = editions.find((e) => e.id === id);
    if (found) return found;
  }
  return undefined;
}
