import { describe, expect, it } from "vitest";
import type { BodyKind } from "../rules";
import { advanceOnVote, manualMove } from "./pipeline";
import { MATTER_STAGES, type MatterStage } from "./stages";

describe("advanceOnVote (RULES.md §4)", () => {
  it.each([
    // stage, body, passed → next
    ["proposal", "party-committee", true, "consultation"],
    ["proposal", "party-committee", false, "proposal"], // stays
    ["consultation", "two-committees", true, "review"],
    ["consultation", "two-committees", false, "proposal"], // back to S1
    ["review", "party-members", true, "decision"],
    ["review", "party-members", false, "consultation"], // back to S2
    ["decision", "villager-representatives", true, "decision_disclosure"],
    ["decision", "villagers-assembly", false, "closed_rejected"], // default: closed
    ["decision", "members-assembly", true, "decision_disclosure"],
  ] as [MatterStage, BodyKind, boolean, MatterStage][])("%s by %s, passed %s → %s", (stage, bodyKind, passed, next) => {
    expect(advanceOnVote({ stage, bodyKind, matterKind: "general", passed })).toBe(next);
  });

  it.each([
    ["close", "closed_rejected"],
    ["reconsult", "consultation"],
  ] as const)("a failed decision with onDecisionFailure %s → %s", (onDecisionFailure, next) => {
    expect(advanceOnVote({ stage: "decision", bodyKind: "villager-representatives", matterKind: "general", passed: false, onDecisionFailure })).toBe(next);
  });

  it.each(["proposal", "consultation", "review", "decision"] as const)("a vote without quorum leaves the matter at %s", (stage) => {
    const bodyKind = { proposal: "party-committee", consultation: "two-committees", review: "party-members", decision: "villagers-assembly" }[
      stage
    ] as BodyKind;
    expect(advanceOnVote({ stage, bodyKind, matterKind: "general", passed: false, quorumMet: false })).toBe(stage);
  });

  it.each([
    ["a stage no vote decides", "decision_disclosure", "villagers-assembly", "general", "stage"],
    ["a closed matter", "closed", "villagers-assembly", "general", "stage"],
    ["the wrong body for the stage", "review", "two-committees", "general", "bodyKind"],
    ["a body not competent for the matter (E7)", "decision", "member-representatives", "charter", "bodyKind"],
  ] as const)("refuses %s", (_label, stage, bodyKind, matterKind, field) => {
    expect(() => advanceOnVote({ stage, bodyKind, matterKind, passed: true })).toThrow(expect.objectContaining({ code: "conflict", field }));
  });
});

describe("manualMove", () => {
  const open = MATTER_STAGES.filter((s) => !s.startsWith("closed"));
  const allowed = new Set<string>([
    // one step forward only where no vote decides
    "raised>proposal",
    "decision_disclosure>implementation",
    "implementation>result_disclosure",
    "result_disclosure>closed",
    // withdrawal before a decision is disclosed
    ...["raised", "proposal", "consultation", "review", "decision"].map((s) => `${s}>closed_withdrawn`),
    // any earlier open stage
    ...open.flatMap((from, i) => open.slice(0, i).map((to) => `${from}>${to}`)),
  ]);
  const pairs = MATTER_STAGES.flatMap((from) => MATTER_STAGES.map((to) => [from, to] as [MatterStage, MatterStage]));

  it.each(pairs)("%s → %s", (from, to) => {
    const move = () => manualMove({ from, to, reason: "村民对公示内容提出异议，退回重新商议" });
    if (allowed.has(`${from}>${to}`)) expect(move()).toEqual({ from, to, reason: "村民对公示内容提出异议，退回重新商议" });
    else expect(move).toThrow(expect.objectContaining({ code: "conflict", field: "to" }));
  });

  it("trims the reason", () => {
    expect(manualMove({ from: "raised", to: "proposal", reason: "  支部会议研究  " }).reason).toBe("支部会议研究");
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["501 characters", "理".repeat(501)],
  ])("refuses a reason that is %s", (_label, reason) => {
    expect(() => manualMove({ from: "raised", to: "proposal", reason })).toThrow(expect.objectContaining({ code: "invalid_input", field: "reason" }));
  });

  it("accepts a reason of exactly 500 Chinese characters", () => {
    expect(manualMove({ from: "raised", to: "proposal", reason: "理".repeat(500) }).reason).toHaveLength(500);
  });

  it("refuses an unknown stage naming the field", () => {
    expect(() => manualMove({ from: "S9" as MatterStage, to: "proposal", reason: "x" })).toThrow(
      expect.objectContaining({ code: "invalid_input", field: "from" }),
    );
  });
});
