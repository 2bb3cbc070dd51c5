import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FOUR_FIFTHS, fractionLabel, HALF, isValidFraction, MORE_THAN_HALF, requiredCount, THREE_QUARTERS, TWO_THIRDS, toChineseNumeral } from "./counting";

describe("requiredCount (RULES.md §0)", () => {
  it.each([
    ["过半数 of 30", MORE_THAN_HALF, 30, 16],
    ["过半数 of 31", MORE_THAN_HALF, 31, 16],
    ["过半数 of 20", MORE_THAN_HALF, 20, 11],
    ["过半数 of 0", MORE_THAN_HALF, 0, 1],
    ["半数以上 of 30", HALF, 30, 15],
    ["半数以上 of 31", HALF, 31, 16],
    ["三分之二以上 of 30", TWO_THIRDS, 30, 20],
    ["三分之二以上 of 31", TWO_THIRDS, 31, 21],
    ["三分之二以上 of 32", TWO_THIRDS, 32, 22],
    ["三分之二以上 of 45", TWO_THIRDS, 45, 30],
    ["三分之二以上 of 300", TWO_THIRDS, 300, 200],
    ["三分之二以上 of 7", TWO_THIRDS, 7, 5],
    ["四分之三以上 of 400", THREE_QUARTERS, 400, 300],
    ["四分之三以上 of 401", THREE_QUARTERS, 401, 301],
    ["五分之四以上 of 30", FOUR_FIFTHS, 30, 24],
  ])("%s is %i", (_label, fraction, n, expected) => {
    expect(requiredCount(fraction, n)).toBe(expected);
  });

  it("is exact beyond the range where floating point would round", () => {
    const n = Number.MAX_SAFE_INTEGER; // 2^53 − 1 = 9007199254740991; 2n/3 = 6004799503160660.67
    expect(requiredCount(TWO_THIRDS, n)).toBe(6004799503160661);
    expect(requiredCount(MORE_THAN_HALF, n)).toBe(4503599627370496);
  });

  it("gives the smallest count that satisfies the share, for any fraction and base", () => {
    const fraction = fc
      .record({ denominator: fc.integer({ min: 1, max: 1000 }), numerator: fc.integer({ min: 1, max: 1000 }), isMoreThan: fc.boolean() })
      .filter(isValidFraction);
    fc.assert(
      fc.property(fraction, fc.integer({ min: 0, max: 100_000 }), (f, n) => {
        const k = requiredCount(f, n);
        // k satisfies: k/n ≥ a/b (以上) or k/n > a/b (超过), compared as whole products; k − 1 does not.
        const satisfies = (c: number) => (f.isMoreThan ? c * f.denominator > f.numerator * n : c * f.denominator >= f.numerator * n);
        return satisfies(k) && (k === 0 || !satisfies(k - 1));
      }),
    );
  });
});

describe("isValidFraction", () => {
  it.each([
    [{ numerator: 2, denominator: 3 }, true],
    [{ numerator: 1, denominator: 1 }, true],
    [{ numerator: 1, denominator: 1, isMoreThan: true }, false],
    [{ numerator: 0, denominator: 3 }, false],
    [{ numerator: 4, denominator: 3 }, false],
    [{ numerator: 1.5, denominator: 3 }, false],
    [{ numerator: 1, denominator: 0 }, false],
    [{ numerator: -1, denominator: -2 }, false],
  ])("%o is %s", (fraction, expected) => {
    expect(isValidFraction(fraction)).toBe(expected);
  });
});

describe("words", () => {
  it.each([
    [10, "十"],
    [11, "十一"],
    [15, "十五"],
    [20, "二十"],
    [26, "二十六"],
    [105, "一百零五"],
    [110, "一百一十"],
    [1009, "一千零九"],
    [1200, "一千二百"],
    [1259, "一千二百五十九"],
  ])("writes %i as %s", (n, zh) => {
    expect(toChineseNumeral(n)).toBe(zh);
  });

  it("names shares the way the law says them", () => {
    expect(fractionLabel(TWO_THIRDS)).toEqual({ "zh-CN": "三分之二", en: "two thirds" });
    expect(fractionLabel(MORE_THAN_HALF)).toEqual({ "zh-CN": "过半数", en: "more than half" });
    expect(fractionLabel(HALF)).toEqual({ "zh-CN": "半数", en: "half" });
    expect(fractionLabel(THREE_QUARTERS)).toEqual({ "zh-CN": "四分之三", en: "three quarters" });
    expect(fractionLabel({ numerator: 7, denominator: 10, isMoreThan: true })).toEqual({ "zh-CN": "超过十分之七", en: "more than seven tenths" });
    expect(fractionLabel({ numerator: 13, denominator: 20 })).toEqual({ "zh-CN": "二十分之十三", en: "13/20" });
  });
});
