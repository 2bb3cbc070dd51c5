import { describe, expect, it } from "vitest";
import { evaluateDecision } from "./evaluate";
import { BODY_KINDS, type BodyKind, type DecisionInput, MATTER_KINDS, type MatterKind } from "./types";

/** A motion with no votes yet; tests override what they need. */
function motion(overrides: Partial<DecisionInput> & Pick<DecisionInput, "body">): DecisionInput {
  return { members: 30, present: 24, yes: 0, no: 0, abstain: 0, on: "2025-06-01", ...overrides };
}

describe("RULES.md §1: quorum and pass rule of every body", () => {
  // [body, members, present, quorumRequired, yesRequired, citation]
  const rows: [BodyKind, number, number, number, number, string][] = [
    ["villagers-assembly", 30, 24, 16, 13, "村民委员会组织法（2018年修正）第二十二条"], // 过半数 attend; 过半数 of attendees
    ["villagers-assembly", 31, 25, 16, 13, "村民委员会组织法（2018年修正）第二十二条"],
    ["villager-representatives", 30, 24, 20, 13, "村民委员会组织法（2018年修正）第二十六条"], // ⅔ attend; 过半数 of attendees
    ["villager-representatives", 31, 25, 21, 13, "村民委员会组织法（2018年修正）第二十六条"],
    ["villager-group", 30, 24, 20, 13, "村民委员会组织法（2018年修正）第二十八条"],
    ["villager-group", 31, 25, 21, 13, "村民委员会组织法（2018年修正）第二十八条"],
    ["members-assembly", 30, 24, 20, 20, "农村集体经济组织法（2024年通过）第二十七条"], // ⅔ attend; ⅔ of ALL
    ["members-assembly", 31, 25, 21, 21, "农村集体经济组织法（2024年通过）第二十七条"],
    ["member-representatives", 30, 24, 0, 20, "农村集体经济组织法（2024年通过）第二十八条"], // no quorum; ⅔ of ALL
    ["member-representatives", 31, 25, 0, 21, "农村集体经济组织法（2024年通过）第二十八条"],
    ["board", 7, 5, 5, 4, "农村集体经济组织法（2024年通过）第三十一条"], // ⅔ attend; 过半数 of ALL
    ["board", 6, 4, 4, 4, "农村集体经济组织法（2024年通过）第三十一条"],
    ["party-members", 30, 24, 15, 16, "中国共产党支部工作条例（试行）（2018年印发）第十一条"], // 半数以上 attend; 超过半数 of ALL
    ["party-members", 31, 25, 16, 16, "中国共产党支部工作条例（试行）（2018年印发）第十一条"],
    ["party-committee", 5, 3, 3, 3, "中国共产党支部工作条例（试行）（2018年印发）第十二条"],
    ["party-committee", 6, 3, 3, 4, "中国共产党支部工作条例（试行）（2018年印发）第十二条"],
    ["two-committees", 10, 6, 6, 4, "“四议两公开”工作法（地方实践）"], // 过半数 attend; 过半数 of attendees
    ["two-committees", 9, 5, 5, 3, "“四议两公开”工作法（地方实践）"],
    ["supervisory-board", 3, 2, 2, 2, "农村集体经济组织法（2024年通过）第三十二条"], // as board, by default
    ["supervisory-board", 5, 4, 4, 3, "农村集体经济组织法（2024年通过）第三十二条"],
  ];
  it.each(rows)("%s with %i members, %i present: quorum %i, yes %i (%s)", (body, members, present, quorum, yes, citation) => {
    const result = evaluateDecision(motion({ body, members, present }));
    expect(result.quorumRequired).toBe(quorum);
    expect(result.quorumMet).toBe(present >= quorum);
    expect(result.quorumBasis).toBe("members");
    expect(result.yesRequired).toBe(yes);
    expect(result.legalBasis).toContain(citation);
  });

  it("covers every body", () => {
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(BODY_KINDS));
  });
});

describe("RULES.md §2: which bodies may decide which matters, and the matter's rule", () => {
  const LAND = ["villagers-assembly", "villager-representatives", "members-assembly"];
  const competentBodies: Record<MatterKind, readonly string[]> = {
    general: BODY_KINDS,
    "land-contract-plan": LAND,
    "land-adjustment": LAND,
    "land-contract-outsider": LAND,
    "construction-land": [...LAND, "member-representatives"],
    charter: ["members-assembly"],
    membership: ["members-assembly"],
    "land-compensation": ["members-assembly", "villagers-assembly", "villager-representatives"],
    "merger-split": ["members-assembly"],
    "member-rights-grant": ["members-assembly"],
  };
  const pairs = MATTER_KINDS.flatMap((matter) => BODY_KINDS.map((body) => [matter, body] as const));
  it.each(pairs)("%s at a %s", (matter, body) => {
    const isCompetent = competentBodies[matter].includes(body);
    const result = evaluateDecision(motion({ body, matter, members: 30, present: 30, yes: 30 }));
    expect(result.competent).toBe(isCompetent);
    expect(result.quorumMet).toBe(true); // the body's quorum still applies to every matter
    expect(result.passed).toBe(isCompetent);
  });

  // [body, matter, members, present, yesRequired, citation]
  const rules: [BodyKind, MatterKind, number, number, number, string][] = [
    ["villager-representatives", "land-contract-plan", 45, 40, 30, "农村土地承包法（2018年修正）第十九条"],
    ["villager-representatives", "land-adjustment", 45, 40, 30, "农村土地承包法（2018年修正）第二十八条"],
    ["villager-representatives", "land-contract-outsider", 45, 40, 30, "农村土地承包法（2018年修正）第五十二条"],
    ["villagers-assembly", "construction-land", 300, 200, 200, "土地管理法（2019年修正）第六十三条"],
    ["member-representatives", "construction-land", 45, 40, 30, "农村集体经济组织法（2024年通过）第二十六条"],
    ["villager-representatives", "land-compensation", 45, 40, 21, "村民委员会组织法（2018年修正）第二十四条"], // the body's rule
    ["members-assembly", "charter", 300, 240, 200, "农村集体经济组织法（2024年通过）第二十六条"],
    ["members-assembly", "membership", 300, 240, 200, "农村集体经济组织法（2024年通过）第二十六条"],
    ["members-assembly", "merger-split", 300, 240, 200, "农村集体经济组织法（2024年通过）第二十六条"],
    ["members-assembly", "member-rights-grant", 400, 380, 300, "农村集体经济组织法（2024年通过）第十五条"], // ¾ of ALL
  ];
  it.each(rules)("%s deciding %s (%i members, %i present) needs %i yes", (body, matter, members, present, yes, citation) => {
    const result = evaluateDecision(motion({ body, matter, members, present }));
    expect(result.yesRequired).toBe(yes);
    expect(result.legalBasis).toContain(citation);
  });
});

describe("RULES.md §5 worked examples", () => {
  it("E1: 30 representatives, 19 present — quorum not met, needs 20", () => {
    const r = evaluateDecision(motion({ body: "villager-representatives", members: 30, present: 19 }));
    expect(r).toMatchObject({ competent: true, quorumMet: false, quorumRequired: 20, passed: false });
  });
  it("E2: 20 present, 10 yes 6 no 4 abstain — quorum met, not passed: needs 11", () => {
    const r = evaluateDecision(motion({ body: "villager-representatives", members: 30, present: 20, yes: 10, no: 6, abstain: 4 }));
    expect(r).toMatchObject({ quorumMet: true, quorumRequired: 20, passed: false, yesRequired: 11 });
  });
  it("E3: land to an outsider, 29 of 45 — not passed: needs 30 of all 45", () => {
    const r = evaluateDecision(motion({ body: "villager-representatives", matter: "land-contract-outsider", members: 45, present: 40, yes: 29 }));
    expect(r).toMatchObject({ quorumMet: true, passed: false, yesRequired: 30 });
    expect(r.legalBasis).toEqual([
      "村民委员会组织法（2018年修正）第二十六条",
      "农村土地承包法（2018年修正）第五十二条",
      "民法典（2020年通过）第一千二百五十九条",
    ]);
  });
  it("E4: members' assembly of 300, 199 present — quorum not met, needs 200", () => {
    const r = evaluateDecision(motion({ body: "members-assembly", members: 300, present: 199 }));
    expect(r).toMatchObject({ quorumMet: false, quorumRequired: 200, passed: false });
  });
  it("E5: 240 present, 190 yes — not passed: needs 200 of all 300", () => {
    const r = evaluateDecision(motion({ body: "members-assembly", members: 300, present: 240, yes: 190 }));
    expect(r).toMatchObject({ quorumMet: true, passed: false, yesRequired: 200 });
  });
  it("E6: board of 7, 5 present, 3 yes 2 no — quorum met (5); not passed: needs 4 of all 7", () => {
    const r = evaluateDecision(motion({ body: "board", members: 7, present: 5, yes: 3, no: 2 }));
    expect(r).toMatchObject({ quorumMet: true, quorumRequired: 5, passed: false, yesRequired: 4 });
  });
  it("E7: a members' representative assembly may not amend the charter, even unanimously", () => {
    const r = evaluateDecision(motion({ body: "member-representatives", matter: "charter", members: 45, present: 45, yes: 45 }));
    expect(r).toMatchObject({ competent: false, passed: false, quorumMet: true });
    expect(r.legalBasis).toContain("农村集体经济组织法（2024年通过）第二十八条");
  });
});

describe("boundaries", () => {
  it.each([
    [30, 20],
    [31, 21],
    [33, 22],
    [45, 30],
  ])("⅔ of %i is %i: exactly that many is enough, one short is not", (members, needed) => {
    const body = "villager-representatives";
    expect(evaluateDecision(motion({ body, members, present: needed })).quorumMet).toBe(true);
    expect(evaluateDecision(motion({ body, members, present: needed - 1 })).quorumMet).toBe(false);
  });

  it("¾ of 400 is 300 (RCEOL 15)", () => {
    const grant = { body: "members-assembly", matter: "member-rights-grant", members: 400, present: 350 } as const;
    expect(evaluateDecision(motion({ ...grant, yes: 300 })).passed).toBe(true);
    expect(evaluateDecision(motion({ ...grant, yes: 299 })).passed).toBe(false);
  });

  it("过半数 of those present: 20 present need 11, 21 present need 11", () => {
    const body = "villager-representatives";
    expect(evaluateDecision(motion({ body, present: 20, yes: 11, no: 9 })).passed).toBe(true);
    expect(evaluateDecision(motion({ body, present: 21, yes: 11, no: 10 })).passed).toBe(true);
    expect(evaluateDecision(motion({ body, present: 22, yes: 11, no: 11 })).passed).toBe(false);
  });

  it("abstentions count in the attendee base: all abstaining passes nothing", () => {
    const r = evaluateDecision(motion({ body: "villager-representatives", present: 25, abstain: 25 }));
    expect(r).toMatchObject({ quorumMet: true, yesRequired: 13, passed: false });
  });

  it("a member-representatives assembly with nobody present is quorate in law but cannot pass", () => {
    const r = evaluateDecision(motion({ body: "member-representatives", members: 45, present: 0 }));
    expect(r).toMatchObject({ quorumMet: true, quorumRequired: 0, passed: false, yesRequired: 30 });
  });
});
