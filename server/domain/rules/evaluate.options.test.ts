import { describe, expect, it } from "vitest";
import { evaluateDecision } from "./evaluate";
import type { DecisionInput } from "./types";

function motion(overrides: Partial<DecisionInput> & Pick<DecisionInput, "body">): DecisionInput {
  return { members: 30, present: 24, yes: 0, no: 0, abstain: 0, ...overrides };
}

describe("recusal (RULES.md §3)", () => {
  const reps = { body: "villager-representatives", members: 30, present: 24, recused: 2, yes: 12, no: 10 } as const;

  it("by default keeps the recused in the base: 12 yes of 24 present is not more than half", () => {
    const r = evaluateDecision(motion(reps));
    expect(r).toMatchObject({ quorumRequired: 20, quorumMet: true, yesRequired: 13, passed: false });
    expect(r.legalBasis).not.toContain("本组织章程");
  });

  it("with the charter's recusedLeaveBase removes them from members and attendees for the motion", () => {
    const r = evaluateDecision(motion({ ...reps, charter: { recusedLeaveBase: true } }));
    // 28 expected → quorum ⅔ = 19; 22 present → 过半数 = 12.
    expect(r).toMatchObject({ quorumRequired: 19, quorumMet: true, yesRequired: 12, passed: true });
    expect(r.legalBasis).toContain("本组织章程");
  });

  it("can leave a meeting without quorum for that motion when the recused leave the base", () => {
    const r = evaluateDecision(motion({ ...reps, present: 20, yes: 10, no: 8, charter: { recusedLeaveBase: true } }));
    expect(r).toMatchObject({ quorumRequired: 19, quorumMet: false, passed: false });
  });

  it("shrinks an all-members base too: ⅔ of 300 − 30 recused is 180", () => {
    const assembly = { body: "members-assembly", members: 300, present: 240, recused: 30, yes: 180, no: 30 } as const;
    expect(evaluateDecision(motion(assembly))).toMatchObject({ yesRequired: 200, passed: false });
    expect(evaluateDecision(motion({ ...assembly, charter: { recusedLeaveBase: true } }))).toMatchObject({
      quorumRequired: 180,
      yesRequired: 180,
      passed: true,
    });
  });

  it("still needs one yes when every member is recused out of the base", () => {
    const r = evaluateDecision(motion({ body: "board", members: 3, present: 3, recused: 3, charter: { recusedLeaveBase: true } }));
    expect(r).toMatchObject({ yesRequired: 1, passed: false });
  });
});

describe("household form (VCOL 22, 28)", () => {
  it("counts quorum by household: ⅔ of 90 households is 60", () => {
    const base = { body: "villagers-assembly", members: 250, households: 90, present: 70 } as const;
    const met = evaluateDecision(motion({ ...base, presentHouseholds: 60, yes: 31, no: 29 }));
    expect(met).toMatchObject({ quorumBasis: "households", quorumRequired: 60, quorumMet: true, yesRequired: 31, passed: true });
    const short = evaluateDecision(motion({ ...base, presentHouseholds: 59 }));
    expect(short).toMatchObject({ quorumBasis: "households", quorumMet: false });
  });

  it("uses the households present as the attendee base of a villager group", () => {
    const r = evaluateDecision(motion({ body: "villager-group", members: 60, households: 21, present: 20, presentHouseholds: 14, yes: 7, no: 7 }));
    expect(r).toMatchObject({ quorumBasis: "households", quorumRequired: 14, quorumMet: true, yesRequired: 8, passed: false });
  });

  it("counts persons when only the number of households is known", () => {
    const r = evaluateDecision(motion({ body: "villagers-assembly", members: 250, households: 90, present: 126 }));
    expect(r).toMatchObject({ quorumBasis: "members", quorumRequired: 126, quorumMet: true });
  });

  it("takes ⅔ of all households for a land matter decided by household representatives", () => {
    const r = evaluateDecision(
      motion({ body: "villagers-assembly", matter: "land-contract-plan", members: 250, households: 90, present: 80, presentHouseholds: 70, yes: 60 }),
    );
    expect(r).toMatchObject({ yesRequired: 60, passed: true });
  });
});

describe("charter (stricter only)", () => {
  it("raises the quorum: ⅘ of 30 is 24", () => {
    const r = evaluateDecision(motion({ body: "villager-representatives", present: 23, charter: { quorum: { numerator: 4, denominator: 5 } } }));
    expect(r).toMatchObject({ quorumRequired: 24, quorumMet: false });
    expect(r.legalBasis).toContain("本组织章程");
  });

  it("never lowers the quorum: a charter's half gives way to the law's ⅔", () => {
    const r = evaluateDecision(motion({ body: "villager-representatives", present: 19, charter: { quorum: { numerator: 1, denominator: 2 } } }));
    expect(r).toMatchObject({ quorumRequired: 20, quorumMet: false });
    expect(r.legalBasis).not.toContain("本组织章程");
  });

  it("applies a pass share to the legal rule's base: ⅔ of those present at a representatives' meeting", () => {
    const r = evaluateDecision(motion({ body: "villager-representatives", present: 24, yes: 15, charter: { pass: { numerator: 2, denominator: 3 } } }));
    expect(r).toMatchObject({ yesRequired: 16, passed: false });
  });

  it("applies a pass share to all members where the law counts all members: ¾ of 300", () => {
    const r = evaluateDecision(motion({ body: "members-assembly", members: 300, present: 280, yes: 224, charter: { pass: { numerator: 3, denominator: 4 } } }));
    expect(r).toMatchObject({ yesRequired: 225, passed: false });
  });

  it("sets the quorum of a members' representative assembly, where the law has none", () => {
    const r = evaluateDecision(motion({ body: "member-representatives", members: 45, present: 29, charter: { quorum: { numerator: 2, denominator: 3 } } }));
    expect(r).toMatchObject({ quorumRequired: 30, quorumMet: false });
  });

  it("reads a 'more than' share as 超过: more than half of 30 party members is 16, not 15", () => {
    const r = evaluateDecision(motion({ body: "party-members", present: 15, charter: { quorum: { numerator: 1, denominator: 2, isMoreThan: true } } }));
    expect(r).toMatchObject({ quorumRequired: 16, quorumMet: false });
  });
});
