import { describe, expect, it } from "vitest";
import { evaluateDecision } from "./evaluate";

describe("explanation in plain words", () => {
  it("says why a meeting without quorum cannot decide (E1)", () => {
    const r = evaluateDecision({ on: "2025-06-01", body: "villager-representatives", members: 30, present: 19, yes: 0, no: 0, abstain: 0 });
    expect(r.explanation["zh-CN"]).toBe("应到30人，实到19人，不足三分之二（20人），会议不能作出决定。依据：《村民委员会组织法》（2018年修正）第二十六条。");
    expect(r.explanation.en).toBe(
      "30 expected, 19 present: fewer than two thirds (20); the meeting cannot decide. Basis: Villagers' Committee Organization Law (2018 amendment), art. 26.",
    );
  });

  it("says why a motion failed (E2)", () => {
    const r = evaluateDecision({ on: "2025-06-01", body: "villager-representatives", members: 30, present: 20, yes: 10, no: 6, abstain: 4 });
    expect(r.explanation["zh-CN"]).toBe(
      "应到30人，实到20人，达到三分之二（20人），会议有效。同意10票，未达到实到人数的过半数（11票），未通过。依据：《村民委员会组织法》（2018年修正）第二十六条。",
    );
    expect(r.explanation.en).toBe(
      "30 expected, 20 present: at least two thirds (20); the meeting may decide. 10 yes: short of more than half of those present (11); not passed. Basis: Villagers' Committee Organization Law (2018 amendment), art. 26.",
    );
  });

  it("names the all-members base and the approval that follows (land to an outsider)", () => {
    const r = evaluateDecision({
      on: "2025-06-01",
      body: "villager-representatives",
      matter: "land-contract-outsider",
      members: 45,
      present: 40,
      yes: 30,
      no: 10,
      abstain: 0,
    });
    expect(r.explanation["zh-CN"]).toBe(
      "应到45人，实到40人，达到三分之二（30人），会议有效。同意30票，达到应到人数（45人）的三分之二（30票），通过。通过后报乡（镇）人民政府批准。依据：《村民委员会组织法》（2018年修正）第二十六条、《农村土地承包法》（2018年修正）第五十二条。",
    );
  });

  it("says when a body may not decide the matter, and groups articles of one law (E7)", () => {
    const r = evaluateDecision({ on: "2025-06-01", body: "member-representatives", matter: "charter", members: 45, present: 45, yes: 45, no: 0, abstain: 0 });
    expect(r.explanation["zh-CN"]).toBe(
      "成员代表大会无权决定“制定、修改章程”，本项不能通过。应到45人，实到45人，法律未规定到会人数要求，会议可以表决。依据：《农村集体经济组织法》（2024年通过）第二十八条、第二十六条。",
    );
    expect(r.explanation.en).toContain("may not decide “adopting or amending the charter”");
    expect(r.explanation.en).toContain("Rural Collective Economic Organization Law (2024), arts. 28, 26.");
  });

  it("counts households in the household form", () => {
    const r = evaluateDecision({
      on: "2025-06-01",
      body: "villagers-assembly",
      members: 250,
      households: 90,
      present: 70,
      presentHouseholds: 59,
      yes: 0,
      no: 0,
      abstain: 0,
    });
    expect(r.explanation["zh-CN"]).toBe("应到90户，实到59户，不足三分之二（60户），会议不能作出决定。依据：《村民委员会组织法》（2018年修正）第二十二条。");
    expect(r.explanation.en).toContain("90 households expected, 59 represented");
  });

  it("explains recusal both ways", () => {
    const input = { body: "villager-representatives", members: 30, present: 24, recused: 2, yes: 12, no: 10, abstain: 0 } as const;
    expect(evaluateDecision(input).explanation["zh-CN"]).toMatch(/^回避2人，不参加表决，仍计入应到和实到数。应到30人，实到24人/);
    const out = evaluateDecision({ on: "2025-06-01", ...input, charter: { recusedLeaveBase: true } });
    expect(out.explanation["zh-CN"]).toMatch(/^回避2人，依章程不计入本项表决的应到和实到数。应到28人，实到22人/);
    expect(out.explanation["zh-CN"]).toContain("本组织章程");
  });

  it("names a charter's stricter quorum", () => {
    const r = evaluateDecision({
      on: "2025-06-01",
      body: "board",
      members: 5,
      present: 4,
      yes: 3,
      no: 1,
      abstain: 0,
      charter: { quorum: { numerator: 1, denominator: 1 } },
    });
    expect(r.explanation["zh-CN"]).toContain("不足章程规定的人数（全体，5人）");
    expect(r.explanation.en).toContain("fewer than the charter requires (all: 5)");
  });

  it("marks inferred rules as inferred", () => {
    const joint = evaluateDecision({ on: "2025-06-01", body: "two-committees", members: 9, present: 7, yes: 5, no: 2, abstain: 0 });
    expect(joint.explanation["zh-CN"]).toContain("此为推定规则");
    expect(joint.explanation.en).toContain("it is inferred");
    const committee = evaluateDecision({ on: "2025-06-01", body: "party-committee", members: 5, present: 5, yes: 3, no: 2, abstain: 0 });
    expect(committee.explanation["zh-CN"]).toContain("此为推定规则");
    const reps = evaluateDecision({ on: "2025-06-01", body: "villager-representatives", members: 30, present: 24, yes: 13, no: 11, abstain: 0 });
    expect(reps.explanation["zh-CN"]).not.toContain("推定");
  });

  it("cites CC 1259 where a threshold says 以上, but keeps it out of the sentence", () => {
    const r = evaluateDecision({ on: "2025-06-01", body: "members-assembly", members: 300, present: 240, yes: 200, no: 40, abstain: 0 });
    expect(r.legalBasis).toEqual(["农村集体经济组织法（2024年通过）第二十七条", "民法典（2020年通过）第一千二百五十九条"]);
    expect(r.passed).toBe(true);
    expect(r.explanation["zh-CN"]).toBe(
      "应到300人，实到240人，达到三分之二（200人），会议有效。同意200票，达到应到人数（300人）的三分之二（200票），通过。依据：《农村集体经济组织法》（2024年通过）第二十七条。",
    );
  });
});
