import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { describeBodyRules } from "./describe";
import { BODY_KINDS } from "./types";

describe("describeBodyRules", () => {
  it("describes a villager representatives' meeting in both languages", () => {
    const d = describeBodyRules("villager-representatives", undefined, "2025-06-01");
    expect(d.name).toEqual({ "zh-CN": "村民代表会议", en: "villager representatives' meeting" });
    expect(d.quorum.text).toEqual({ "zh-CN": "须有三分之二以上的应到人员到会。", en: "At least two thirds of the members must be present." });
    expect(d.quorum.legalBasis).toEqual(["村民委员会组织法（2018年修正）第二十六条", "民法典（2020年通过）第一千二百五十九条"]);
    expect(d.pass).toMatchObject({ base: "attendees", text: { "zh-CN": "赞成票须达到到会人员的过半数。" } });
    expect(d.householdQuorum).toBeNull();
    expect(d.matters.map((m) => m.matter)).toEqual([
      "general",
      "land-contract-plan",
      "land-adjustment",
      "land-contract-outsider",
      "construction-land",
      "land-compensation",
    ]);
    const outsider = d.matters.find((m) => m.matter === "land-contract-outsider");
    expect(outsider).toMatchObject({ base: "all", pass: { "zh-CN": "赞成票须达到全体应到人员的三分之二以上。" } });
    expect(outsider?.afterwards?.["zh-CN"]).toContain("乡（镇）人民政府批准");
    expect(d.legalBasis).toContain("农村土地承包法（2018年修正）第五十二条");
    expect(d.charter.recusal["zh-CN"]).toBe("回避人员不参加表决，仍计入应到和实到数。");
  });

  it("gives the household form where the law allows it", () => {
    expect(describeBodyRules("villagers-assembly", undefined, "2025-06-01").householdQuorum?.text["zh-CN"]).toBe("按户计：须有三分之二以上的户的代表到会。");
    expect(describeBodyRules("villager-group", undefined, "2025-06-01").householdQuorum).not.toBeNull();
  });

  it("says the law sets no quorum for a members' representative assembly, and lists only its competent matters", () => {
    const d = describeBodyRules("member-representatives", undefined, "2025-06-01");
    expect(d.quorum).toMatchObject({ fraction: null, text: { "zh-CN": "法律未规定到会人数要求。" } });
    expect(d.matters.map((m) => m.matter)).toEqual(["general", "construction-land"]);
  });

  it("marks inferred rules", () => {
    expect(describeBodyRules("party-committee", undefined, "2025-06-01").pass.isInferred).toBe(true);
    expect(describeBodyRules("two-committees", undefined, "2025-06-01").quorum.isInferred).toBe(true);
    expect(describeBodyRules("board", undefined, "2025-06-01").pass.isInferred).toBe(false);
  });

  it("shows a charter's settings and whether each is stricter than the law", () => {
    const d = describeBodyRules("villager-representatives", {
      recusedLeaveBase: true,
      quorum: { numerator: 1, denominator: 2 },
      pass: { numerator: 2, denominator: 3 },
    });
    expect(d.charter.quorum).toMatchObject({ isStricter: false });
    expect(d.charter.quorum?.text["zh-CN"]).toBe("章程：须有半数以上的应到人员到会（不严于法律，按法律规定执行）。");
    expect(d.charter.pass).toMatchObject({ isStricter: true, text: { "zh-CN": "章程：赞成票须达到到会人员的三分之二以上。" } });
    expect(d.charter.recusal["zh-CN"]).toContain("章程规定");
    expect(d.legalBasis).toContain("本组织章程");
  });

  it("describes every body with plain data", () => {
    for (const body of BODY_KINDS) {
      const d = describeBodyRules(body);
      expect(JSON.parse(JSON.stringify(d))).toEqual(d);
      expect(d.matters[0]?.matter).toBe("general");
    }
  });

  it("refuses an unknown body or an invalid charter share", () => {
    expect(() => describeBodyRules("nope" as never)).toThrow(AppError);
    expect(() => describeBodyRules("board", { pass: { numerator: 3, denominator: 2 } })).toThrow(AppError);
  });
});
