/**
 * Deterministic wording of the record (zh-CN, the language of the village archive). The canonical text is hashed, so
 * nothing here may depend on the machine's locale, time zone or ICU data: dates come from server/time.ts, which
 * computes China time (UTC+8 all year) by integer arithmetic.
 */
import { chinaParts as partsAt } from "../time";

function chinaParts(isoText: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const p = partsAt(Date.parse(isoText));
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute };
}

const two = (n: number): string => String(n).padStart(2, "0");

/** 2026年11月27日 */
export function chinaDate(isoText: string): string {
  const p = chinaParts(isoText);
  return `${p.y}年${p.mo}月${p.d}日`;
}

/** 2026年11月27日 09:30 */
export function chinaDateTime(isoText: string): string {
  const p = chinaParts(isoText);
  return `${chinaDate(isoText)} ${two(p.h)}:${two(p.mi)}`;
}

/** 09:30 */
export function chinaTime(isoText: string): string {
  const p = chinaParts(isoText);
  return `${two(p.h)}:${two(p.mi)}`;
}

/**
 * "09:30" when the moment falls on the meeting's day (China time), else "2026年11月28日 09:30": a meeting opened on
 * another day than the one it was called for, or adjourned after midnight, must not read as if it were that day.
 */
export function chinaTimeOnDay(isoText: string, dayIsoText: string): string {
  return chinaDate(isoText) === chinaDate(dayIsoText) ? chinaTime(isoText) : chinaDateTime(isoText);
}

export const FORM_NAMES: Record<string, string> = { in_person: "现场会议", online: "线上会议", hybrid: "现场与线上结合" };

export const CONVENER_NAMES: Record<string, string> = { regular: "按规定定期召集", petition: "依联名提议召集" };

export const METHOD_NAMES: Record<string, string> = {
  named: "电子记名表决",
  secret: "电子无记名投票",
  hands_named: "举手表决（记名）",
  hands_totals: "举手表决（计数）",
  paper: "纸质投票",
};

/**
 * "10/15（66.7%）": the percentage rounded half up to one decimal, with integers only (no floating point in the
 * hashed text). It is for reading: quorum and passing are decided on the whole numbers (RULES.md §0), never on it.
 */
export function ratio(present: number, expected: number): string {
  if (expected <= 0) return `${present}/${expected}`;
  const permille = Math.floor((present * 2000 + expected) / (expected * 2));
  return `${present}/${expected}（${Math.floor(permille / 10)}.${permille % 10}%）`;
}

/** A list in Chinese: 甲、乙、丙; 无 when empty. */
export function listOrNone(items: readonly string[]): string {
  return items.length === 0 ? "无" : items.join("、");
}
