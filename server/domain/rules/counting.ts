/**
 * Exact whole-number thresholds (RULES.md §0). No floating point: the products are taken in BigInt, so a share of
 * any safe integer is exact; the result never exceeds the base (or base + 1 for "more than"), so it fits a number.
 */
import type { Fraction } from "./types";

/** 过半数 / 超过半数: more than half, floor(n/2) + 1. */
export const MORE_THAN_HALF: Fraction = { numerator: 1, denominator: 2, isMoreThan: true };
/** 半数以上: at least half, ceil(n/2). */
export const HALF: Fraction = { numerator: 1, denominator: 2 };
/** 三分之二以上: ceil(2n/3). */
export const TWO_THIRDS: Fraction = { numerator: 2, denominator: 3 };
/** 四分之三以上: ceil(3n/4). */
export const THREE_QUARTERS: Fraction = { numerator: 3, denominator: 4 };
/** 五分之四以上: ceil(4n/5) (VCOL 25). */
export const FOUR_FIFTHS: Fraction = { numerator: 4, denominator: 5 };
/** 三分之一以上: ceil(n/3) (VCOL 25). */
export const ONE_THIRD: Fraction = { numerator: 1, denominator: 3 };

/** ceil(a·n / b) for whole a, n ≥ 0 and b > 0. */
export function ceilShare(numerator: number, denominator: number, n: number): number {
  const a = BigInt(numerator);
  const b = BigInt(denominator);
  return Number((a * BigInt(n) + b - 1n) / b);
}

/** floor(a·n / b) for whole a, n ≥ 0 and b > 0. */
export function floorShare(numerator: number, denominator: number, n: number): number {
  return Number((BigInt(numerator) * BigInt(n)) / BigInt(denominator));
}

/**
 * The smallest whole count that satisfies the fraction of `base`.
 * CC 1259: "以上" includes the number itself → ceil(a·n/b); "超过" does not → floor(a·n/b) + 1.
 */
export function requiredCount(fraction: Fraction, base: number): number {
  if (fraction.isMoreThan) return floorShare(fraction.numerator, fraction.denominator, base) + 1;
  return ceilShare(fraction.numerator, fraction.denominator, base);
}

/** True when the fraction is a valid share: whole parts, 0 < a ≤ b, and "more than" only below the whole. */
export function isValidFraction(fraction: Fraction): boolean {
  const { numerator: a, denominator: b } = fraction;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return false;
  if (a <= 0 || b <= 0 || a > b) return false;
  return !(fraction.isMoreThan === true && a === b);
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const UNITS = ["", "十", "百", "千"];

/** Chinese numeral for 1 … 9999 as used in article numbers and fractions: 26 → 二十六, 1259 → 一千二百五十九. */
export function toChineseNumeral(n: number): string {
  if (!Number.isSafeInteger(n) || n <= 0 || n > 9999) return String(n);
  const digits = String(n).split("").map(Number);
  let out = "";
  let pendingZero = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i];
    if (d === 0) {
      pendingZero = out !== "";
      return;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    // 10–19 read 十, 十五; inside larger numbers the 一 stays (一百一十).
    const skipOne = d === 1 && unit === "十" && out === "";
    out += (skipOne ? "" : DIGITS[d]) + unit;
  });
  return out;
}

/** The fraction in words: 三分之二 / two thirds; ½ reads 半数 / half, and "more than ½" reads 过半数 / more than half. */
export function fractionLabel(fraction: Fraction): { "zh-CN": string; en: string } {
  const { numerator: a, denominator: b, isMoreThan } = fraction;
  if (a === 1 && b === 2) {
    return isMoreThan ? { "zh-CN": "过半数", en: "more than half" } : { "zh-CN": "半数", en: "half" };
  }
  const zh = a === b ? "全体" : `${toChineseNumeral(b)}分之${toChineseNumeral(a)}`;
  const en = a === b ? "all" : englishFraction(a, b);
  return isMoreThan ? { "zh-CN": `超过${zh}`, en: `more than ${en}` } : { "zh-CN": zh, en };
}

const EN_NUMBERS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const EN_ORDINALS: Record<number, string> = { 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth" };

function englishFraction(a: number, b: number): string {
  const ordinal = EN_ORDINALS[b];
  if (ordinal === undefined || a > 9) return `${a}/${b}`;
  return `${EN_NUMBERS[a]} ${ordinal}${a > 1 ? "s" : ""}`;
}
