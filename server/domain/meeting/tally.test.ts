import { describe, expect, it } from "vitest";
import type { BodyKind, MatterKind } from "../rules";
import { type AttendanceRecord, type RosterMember, summarizeAttendance } from "./attendance";
import { freezeEntitledVoters } from "./entitlement";
import { type Choice, decideMotion, type NamedVote, type Tally, tallyNamed, tallySecret, validateEnteredTotals } from "./tally";

describe("tallyNamed / tallySecret", () => {
  const choices: Choice[] = ["yes", "yes", "no", "abstain", "yes"];

  it("counts each choice and the ballots cast", () => {
    const expected: Tally = { yes: 3, no: 1, abstain: 1, cast: 5 };
    expect(tallyNamed(choices.map((choice, i) => ({ voterPersonId: `p${i}`, choice })))).toEqual(expected);
    expect(tallySecret(choices.map((choice) => ({ choice })))).toEqual(expected);
    expect(tallySecret([])).toEqual({ yes: 0, no: 0, abstain: 0, cast: 0 });
  });

  it.each([
    [
      "two votes of one voter",
      [
        { voterPersonId: "p1", choice: "yes" },
        { voterPersonId: "p1", choice: "no" },
      ],
      "already_voted",
    ],
    ["a vote of someone not entitled", [{ voterPersonId: "p9", choice: "yes" }], "not_entitled"],
    ["an unknown choice", [{ voterPersonId: "p1", choice: "maybe" as Choice }], "invalid_input"],
  ] as [string, NamedVote[], string][])("refuses %s", (_label, votes, code) => {
    const entitled = [{ voterPersonId: "p1", castByPersonId: "p1", householdId: null }];
    expect(() => tallyNamed(votes, entitled)).toThrow(expect.objectContaining({ code }));
  });
});

describe("validateEnteredTotals (show of hands, paper ballots)", () => {
  it("accepts totals up to the entitled voters; not voting is allowed", () => {
    expect(validateEnteredTotals({ yes: 10, no: 6, abstain: 4, entitledCount: 20 })).toEqual({ yes: 10, no: 6, abstain: 4, cast: 20 });
    expect(validateEnteredTotals({ yes: 5, no: 0, abstain: 0, entitledCount: 20 }).cast).toBe(5);
  });

  it.each([
    [{ yes: -1, no: 0, abstain: 0, entitledCount: 5 }, "yes"],
    [{ yes: 1, no: 1.5, abstain: 0, entitledCount: 5 }, "no"],
    [{ yes: 1, no: 0, abstain: Number.NaN, entitledCount: 5 }, "abstain"],
    [{ yes: 3, no: 2, abstain: 1, entitledCount: 5 }, "total"],
  ])("refuses %o naming %s", (totals, field) => {
    expect(() => validateEnteredTotals(totals)).toThrow(expect.objectContaining({ code: "invalid_input", field }));
  });
});

type Example = { body: BodyKind; matter?: MatterKind; members: number; present: number; yes: number; no?: number; abstain?: number };

/** The whole path: roster → attendance → frozen voters → named votes → tally → decision. */
function runMotion(e: Example) {
  const roster: RosterMember[] = Array.from({ length: e.members }, (_, i) => ({
    personId: `p${String(i).padStart(3, "0")}`,
    householdId: `h${i}`,
    isAdult: true,
  }));
  const attendance: AttendanceRecord[] = roster.slice(0, e.present).map((m) => ({ personId: m.personId, status: "present_in_person" }));
  const summary = summarizeAttendance(roster, attendance, { bodyKind: e.body });
  const frozen = freezeEntitledVoters({ bodyKind: e.body, roster, attendance, recusals: [] });
  const choices: Choice[] = [...Array<Choice>(e.yes).fill("yes"), ...Array<Choice>(e.no ?? 0).fill("no"), ...Array<Choice>(e.abstain ?? 0).fill("abstain")];
  const votes = choices.map((choice, i) => ({ voterPersonId: frozen.voters[i].voterPersonId, choice }));
  return decideMotion({
    bodyKind: e.body,
    matterKind: e.matter,
    expected: summary.expected,
    present: summary.present,
    recusedCount: frozen.recusedCount,
    entitledCount: frozen.voters.length,
    tally: tallyNamed(votes, frozen.voters),
  });
}

describe("decideMotion on the RULES.md §5 examples, through votes", () => {
  it.each([
    ["E1", { body: "villager-representatives", members: 30, present: 19, yes: 0 }, { quorumMet: false, quorumRequired: 20, passed: false }],
    ["E2", { body: "villager-representatives", members: 30, present: 20, yes: 10, no: 6, abstain: 4 }, { quorumMet: true, passed: false, yesRequired: 11 }],
    [
      "E3",
      { body: "villager-representatives", matter: "land-contract-outsider", members: 45, present: 40, yes: 29 },
      { quorumMet: true, passed: false, yesRequired: 30 },
    ],
    ["E4", { body: "members-assembly", members: 300, present: 199, yes: 0 }, { quorumMet: false, quorumRequired: 200, passed: false }],
    ["E5", { body: "members-assembly", members: 300, present: 240, yes: 190 }, { quorumMet: true, passed: false, yesRequired: 200 }],
    ["E6", { body: "board", members: 7, present: 5, yes: 3, no: 2 }, { quorumMet: true, quorumRequired: 5, passed: false, yesRequired: 4 }],
    ["E7", { body: "member-representatives", matter: "charter", members: 45, present: 45, yes: 45 }, { competent: false, passed: false }],
  ] as [string, Example, Record<string, unknown>][])("%s", (_name, example, expected) => {
    const decision = runMotion(example);
    expect(decision).toMatchObject(expected);
    expect(decision.legalBasis.length).toBeGreaterThan(0);
    expect(decision.explanation["zh-CN"]).toContain(`应到${example.members}人`);
  });

  it("passes E2's meeting with one more yes", () => {
    const decision = runMotion({ body: "villager-representatives", members: 30, present: 20, yes: 11, no: 5, abstain: 4 });
    expect(decision).toMatchObject({ passed: true, yesRequired: 11, notVoted: 0, entitledCount: 20 });
  });
});

describe("decideMotion guards", () => {
  const base = { bodyKind: "villager-representatives" as const, expected: 30, present: 20, recusedCount: 2 };

  it("defaults the entitled voters to those present less the recused", () => {
    const decision = decideMotion({ ...base, tally: { yes: 10, no: 5, abstain: 3, cast: 18 } });
    expect(decision).toMatchObject({ entitledCount: 18, notVoted: 0, passed: false, yesRequired: 11 });
  });

  it("refuses more votes than entitled voters as a conflict", () => {
    expect(() => decideMotion({ ...base, entitledCount: 15, tally: { yes: 10, no: 5, abstain: 1, cast: 16 } })).toThrow(
      expect.objectContaining({ code: "conflict", field: "tally" }),
    );
  });

  it.each([
    [{ entitledCount: 19 }, { yes: 1, no: 0, abstain: 0, cast: 1 }, "entitledCount"],
    [{}, { yes: 1, no: 0, abstain: 0, cast: 2 }, "tally.cast"],
    [{ recusedCount: 21 }, { yes: 0, no: 0, abstain: 0, cast: 0 }, "recusedCount"],
  ])("refuses %o with %o", (change, tally, field) => {
    expect(() => decideMotion({ ...base, ...change, tally })).toThrow(expect.objectContaining({ code: "invalid_input", field }));
  });

  it("decides in the household form", () => {
    const decision = decideMotion({
      bodyKind: "villagers-assembly",
      expected: 500,
      present: 150,
      households: 180,
      presentHouseholds: 120,
      recusedCount: 0,
      tally: { yes: 61, no: 50, abstain: 9, cast: 120 },
    });
    expect(decision).toMatchObject({ quorumBasis: "households", quorumMet: true, quorumRequired: 120, yesRequired: 61, passed: true });
  });
});
