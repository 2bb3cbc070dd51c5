import { describe, expect, it } from "vitest";
import { describeRuleBeforeVote } from "./beforeVote";
import { evaluateDecision } from "./evaluate";
import { isCompetent } from "./tables";
import { BODY_KINDS, MATTER_KINDS } from "./types";

describe("the rule in words before the vote (issue #16)", () => {
  it("land to outsiders at a representatives' meeting: ⅔ of all 15, 10 votes, whoever is present", () => {
    const rule = describeRuleBeforeVote({
      body: "villager-representatives",
      matter: "land-contract-outsider",
      kindSource: "matter",
      expected: 15,
      present: 10,
      on: "2026-03-01",
    });
    expect(rule.sentence["zh-CN"]).toBe("本项属于土地发包给本集体以外的单位或个人，须经全体村民代表的三分之二以上同意：需同意 10 票（应到 15 人）");
    expect(rule.sentence.en).toBe(
      "This is contracting land to an outside unit or person: at least two thirds of all 15 representatives must agree — 10 yes votes needed.",
    );
    expect(rule.basis["zh-CN"]).toBe("依据：《农村土地承包法》（2018年修正）第五十二条。");
    expect(rule.yesRequired).toBe(10);
  });

  it("a general matter counts those present, and cites the VCOL edition of the meeting's day", () => {
    const before = describeRuleBeforeVote({
      body: "villager-representatives",
      matter: "general",
      kindSource: "chair",
      expected: 15,
      present: 10,
      on: "2025-12-31",
    });
    const after = describeRuleBeforeVote({
      body: "villager-representatives",
      matter: "general",
      kindSource: "chair",
      expected: 15,
      present: 10,
      on: "2026-01-02",
    });
    expect(before.sentence["zh-CN"]).toBe("本项属于一般事项，须经到会人员的过半数同意：需同意 6 票（实到 10 人）");
    expect(before.basis["zh-CN"]).toBe("依据：《村民委员会组织法》（2018年修正）第二十六条。");
    expect(after.basis["zh-CN"]).toBe("依据：《村民委员会组织法》（2025年修正）第三十条。");
  });

  it("a stricter charter raises the number and says so; a laxer one changes nothing", () => {
    const strict = describeRuleBeforeVote({
      body: "villager-representatives",
      matter: "general",
      kindSource: "chair",
      expected: 15,
      present: 12,
      on: "2026-03-01",
      charter: { pass: { numerator: 2, denominator: 3 } },
    });
    expect(strict.sentence["zh-CN"]).toBe("本项属于一般事项，须经到会人员的三分之二以上同意（章程规定，严于法律）：需同意 8 票（实到 12 人）");
    expect(strict.basis["zh-CN"]).toContain("本组织章程");
    const lax = describeRuleBeforeVote({
      body: "villager-representatives",
      matter: "land-contract-outsider",
      kindSource: "matter",
      expected: 15,
      present: 12,
      on: "2026-03-01",
      charter: { pass: { numerator: 1, denominator: 2, isMoreThan: true } },
    });
    expect(lax.yesRequired).toBe(10);
    expect(lax.isCharter).toBe(false);
  });

  it("announces the same number the result is decided by, for every body and every matter it may decide", () => {
    for (const body of BODY_KINDS) {
      for (const matter of MATTER_KINDS.filter((m) => isCompetent(body, m))) {
        const rule = describeRuleBeforeVote({ body, matter, kindSource: "matter", expected: 31, present: 25, on: "2026-03-01" });
        const result = evaluateDecision({ body, matter, members: 31, present: 25, yes: rule.yesRequired, no: 0, abstain: 0, on: "2026-03-01" });
        const short = evaluateDecision({ body, matter, members: 31, present: 25, yes: rule.yesRequired - 1, no: 0, abstain: 0, on: "2026-03-01" });
        expect([body, matter, result.passed, short.passed]).toEqual([body, matter, true, false]);
        expect(rule.sentence["zh-CN"]).toContain(`需同意 ${rule.yesRequired} 票`);
      }
    }
  });
});
