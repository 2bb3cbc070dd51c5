import { describe, expect, it } from "vitest";
import type { AttendanceRecord, RosterMember } from "./attendance";
import { assertMayCast, freezeEntitledVoters, votesCastBy } from "./entitlement";

// Household h1: a, b, c · h2: d, e (e a minor) · f without household.
const roster: RosterMember[] = [
  { personId: "c", householdId: "h1", isAdult: true },
  { personId: "a", householdId: "h1", isAdult: true },
  { personId: "b", householdId: "h1", isAdult: true },
  { personId: "d", householdId: "h2", isAdult: true },
  { personId: "e", householdId: "h2", isAdult: false },
  { personId: "f", householdId: null, isAdult: true },
];
const here = (personId: string): AttendanceRecord => ({ personId, status: "present_in_person" });
const proxy = (personId: string, holder: string): AttendanceRecord => ({
  personId,
  status: "proxy",
  proxy: { holder: { personId: holder, householdId: "h1", isAdult: true }, authorizationNote: "委托书" },
});

describe("freezeEntitledVoters", () => {
  it("takes the present, sorted by voter, and leaves out the absent", () => {
    const frozen = freezeEntitledVoters({
      bodyKind: "villager-representatives",
      roster,
      attendance: [here("d"), here("a"), { personId: "c", status: "present_online" }],
      recusals: [],
    });
    expect(frozen.voters).toEqual([
      { voterPersonId: "a", castByPersonId: "a", householdId: "h1" },
      { voterPersonId: "c", castByPersonId: "c", householdId: "h1" },
      { voterPersonId: "d", castByPersonId: "d", householdId: "h2" },
    ]);
    expect(frozen).toMatchObject({ basis: "members", recusedPersonIds: [], recusedCount: 0 });
  });

  it("resolves a proxy: the holder casts the absent member's vote", () => {
    const frozen = freezeEntitledVoters({ bodyKind: "members-assembly", roster, attendance: [here("a"), proxy("b", "a")], recusals: [] });
    expect(frozen.voters.map((v) => [v.voterPersonId, v.castByPersonId])).toEqual([
      ["a", "a"],
      ["b", "a"],
    ]);
    expect(votesCastBy(frozen, "a").map((v) => v.voterPersonId)).toEqual(["a", "b"]);
  });

  it("ignores a proxy where the body admits none", () => {
    const frozen = freezeEntitledVoters({ bodyKind: "villager-representatives", roster, attendance: [here("a"), proxy("b", "a")], recusals: [] });
    expect(frozen.voters.map((v) => v.voterPersonId)).toEqual(["a"]);
  });

  it("excludes the recused and counts only those present", () => {
    const frozen = freezeEntitledVoters({ bodyKind: "villager-representatives", roster, attendance: [here("a"), here("c"), here("d")], recusals: ["c", "f"] });
    expect(frozen.voters.map((v) => v.voterPersonId)).toEqual(["a", "d"]);
    expect(frozen).toMatchObject({ recusedPersonIds: ["c"], recusedCount: 1 });
  });

  it("casts no proxy held by a recused holder", () => {
    const frozen = freezeEntitledVoters({ bodyKind: "members-assembly", roster, attendance: [here("a"), proxy("b", "a"), here("d")], recusals: ["a"] });
    expect(frozen.voters.map((v) => v.voterPersonId)).toEqual(["d"]);
    expect(frozen.recusedCount).toBe(1);
  });

  it("excludes a recused member who gave a proxy", () => {
    const frozen = freezeEntitledVoters({ bodyKind: "members-assembly", roster, attendance: [here("a"), proxy("b", "a")], recusals: ["b"] });
    expect(frozen.voters.map((v) => v.voterPersonId)).toEqual(["a"]);
    expect(frozen).toMatchObject({ recusedPersonIds: ["b"], recusedCount: 1 });
  });

  it("gives one vote per represented household in the household form", () => {
    const attendance = [here("c"), here("a"), here("d"), here("e"), here("f")];
    const frozen = freezeEntitledVoters({ bodyKind: "villagers-assembly", roster, attendance, recusals: [], basis: "households" });
    // h1: first present adult in roster order (c); h2: d (e is a minor); f: a household of one.
    expect(frozen.voters.map((v) => v.voterPersonId)).toEqual(["c", "d", "f"]);
    const named = freezeEntitledVoters({
      bodyKind: "villagers-assembly",
      roster,
      attendance,
      recusals: [],
      basis: "households",
      householdRepresentatives: { h1: "a" },
    });
    expect(named.voters.map((v) => v.voterPersonId)).toEqual(["a", "d", "f"]);
  });

  it("in the household form, a household whose present adults are all recused counts as recused", () => {
    const attendance = [here("a"), here("c"), here("d")];
    const one = freezeEntitledVoters({
      bodyKind: "villager-group",
      roster,
      attendance,
      recusals: ["c"],
      basis: "households",
      householdRepresentatives: { h1: "c" },
    });
    expect(one.voters.map((v) => v.voterPersonId)).toEqual(["a", "d"]);
    expect(one.recusedCount).toBe(0);
    const all = freezeEntitledVoters({ bodyKind: "villager-group", roster, attendance, recusals: ["a", "c"], basis: "households" });
    expect(all.voters.map((v) => v.voterPersonId)).toEqual(["d"]);
    expect(all.recusedCount).toBe(1);
  });

  it.each([
    ["a recusal off the roster", { recusals: ["zz"] }, "recusals"],
    ["the household form at a body without it", { basis: "households" as const }, "basis"],
  ])("refuses %s", (_label, change, field) => {
    expect(() => freezeEntitledVoters({ bodyKind: "villager-representatives", roster, attendance: [], recusals: [], ...change })).toThrow(
      expect.objectContaining({ code: "invalid_input", field }),
    );
  });
});

describe("assertMayCast", () => {
  const frozen = freezeEntitledVoters({
    bodyKind: "members-assembly",
    roster,
    attendance: [here("a"), proxy("b", "a"), here("c"), here("d")],
    recusals: ["c"],
  });

  it.each([
    ["own vote", { voterPersonId: "a", castByPersonId: "a" }, null],
    ["a held proxy", { voterPersonId: "b", castByPersonId: "a" }, null],
    ["the proxy giver casting after all", { voterPersonId: "b", castByPersonId: "b" }, "not_entitled"],
    ["someone else's vote", { voterPersonId: "d", castByPersonId: "a" }, "not_entitled"],
    ["a recused member", { voterPersonId: "c", castByPersonId: "c" }, "recused"],
    ["an absent member", { voterPersonId: "f", castByPersonId: "f" }, "not_entitled"],
  ])("%s", (_label, vote, code) => {
    if (code === null) expect(assertMayCast(frozen, vote).voterPersonId).toBe(vote.voterPersonId);
    else expect(() => assertMayCast(frozen, vote)).toThrow(expect.objectContaining({ code }));
  });
});
