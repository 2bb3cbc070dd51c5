import { describe, expect, it } from "vitest";
import { type BodyKind, MATTER_KINDS, type MatterKind } from "../rules";
import { deciderForStage, MATTER_STAGES, type MatterStage, STAGE_INFO, stageLabel } from "./stages";

describe("deciderForStage (RULES.md §4)", () => {
  it.each([
    ["raised", []],
    ["proposal", ["party-committee"]],
    ["consultation", ["two-committees"]],
    ["review", ["party-members"]],
    ["decision_disclosure", []],
    ["implementation", []],
    ["result_disclosure", []],
    ["closed", []],
    ["closed_rejected", []],
    ["closed_withdrawn", []],
  ] as [MatterStage, BodyKind[]][])("%s is decided by %j", (stage, bodies) => {
    for (const matter of MATTER_KINDS) expect(deciderForStage(stage, matter)).toEqual(bodies);
  });

  // The S4 deciders follow the rules engine's competence table (RULES.md §2).
  it.each([
    ["general", ["villagers-assembly", "villager-representatives", "members-assembly", "member-representatives"]],
    ["land-contract-plan", ["villagers-assembly", "villager-representatives", "members-assembly"]],
    ["land-contract-outsider", ["villagers-assembly", "villager-representatives", "members-assembly"]],
    ["construction-land", ["villagers-assembly", "villager-representatives", "members-assembly", "member-representatives"]],
    ["charter", ["members-assembly"]],
    ["membership", ["members-assembly"]],
    ["land-compensation", ["villagers-assembly", "villager-representatives", "members-assembly"]],
    ["member-rights-grant", ["members-assembly"]],
  ] as [MatterKind, BodyKind[]][])("a %s matter is decided at S4 by %j", (matter, bodies) => {
    expect(deciderForStage("decision", matter)).toEqual(bodies);
  });
});

describe("stage names", () => {
  it.each(MATTER_STAGES)("%s has a code and a name in zh-CN and en", (stage) => {
    const info = STAGE_INFO[stage];
    expect(info.code).toMatch(/^(S[0-7]|closed)$/);
    expect(info.name["zh-CN"]).not.toBe("");
    expect(info.name.en).not.toBe("");
  });

  it("numbers S0–S7 in order", () => {
    expect(MATTER_STAGES.slice(0, 8).map((s) => STAGE_INFO[s].code)).toEqual(["S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7"]);
  });

  it("labels a stage in the reader's words: 'S4 决议', and a closed stage by its name alone, never 'closed 已撤回'", () => {
    expect(stageLabel("decision", "zh-CN")).toBe("S4 决议");
    expect(stageLabel("closed_withdrawn", "zh-CN")).toBe("已撤回");
    expect(stageLabel("closed_rejected", "en")).toBe("closed: rejected");
    for (const stage of MATTER_STAGES) expect(stageLabel(stage, "zh-CN")).not.toMatch(/closed/);
  });
});
