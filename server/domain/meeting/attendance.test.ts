import { describe, expect, it } from "vitest";
import { type AttendanceRecord, type RosterMember, summarizeAttendance } from "./attendance";

/** Members p1…pn; `households` gives each member's household id in order (default: one household each). */
function roster(n: number, households?: (string | null)[]): RosterMember[] {
  return Array.from({ length: n }, (_, i) => ({
    personId: `p${i + 1}`,
    householdId: households === undefined ? `h${i + 1}` : households[i],
    isAdult: true,
  }));
}

const here = (personId: string): AttendanceRecord => ({ personId, status: "present_in_person" });
const online = (personId: string): AttendanceRecord => ({ personId, status: "present_online" });
const proxy = (personId: string, holderPersonId: string, householdId: string, note = "书面委托书"): AttendanceRecord => ({
  personId,
  status: "proxy",
  proxy: { holder: { personId: holderPersonId, householdId, isAdult: true }, authorizationNote: note },
});

describe("summarizeAttendance", () => {
  it("counts in person, online and absent; members without a record are absent", () => {
    const s = summarizeAttendance(roster(5), [here("p1"), online("p2"), { personId: "p3", status: "absent" }], {
      bodyKind: "villager-representatives",
    });
    expect(s).toMatchObject({ expected: 5, present: 2, presentInPerson: 1, presentOnline: 1, presentByProxy: 0, absent: ["p3", "p4", "p5"] });
    expect(s.households).toBeUndefined(); // a representative body never counts by household
  });

  it("counts a lawful proxy at a members' assembly as present, cast by the holder", () => {
    const members = roster(3, ["h1", "h1", "h2"]);
    const s = summarizeAttendance(members, [here("p1"), proxy("p2", "p1", "h1")], { bodyKind: "members-assembly" });
    expect(s).toMatchObject({ present: 2, presentByProxy: 1, absent: ["p3"] });
    expect(s.proxies).toEqual([
      { memberPersonId: "p2", holderPersonId: "p1", householdId: "h1", authorizationNote: "书面委托书", isCounted: true, problem: null },
    ]);
  });

  it("accepts a holder who is not on the roster (a family member of the household)", () => {
    const s = summarizeAttendance(roster(2, ["h1", "h2"]), [proxy("p1", "x9", "h1")], { bodyKind: "members-assembly" });
    expect(s).toMatchObject({ present: 1, presentByProxy: 1 });
  });

  it.each([
    ["a representative body", "villager-representatives", proxy("p2", "p1", "h1"), "proxy_not_allowed"],
    ["a holder of another household", "members-assembly", proxy("p2", "x9", "h7"), "different_household"],
    ["a holder on the roster who is absent", "members-assembly", proxy("p2", "p3", "h1"), "holder_not_present"],
    ["no written authorization", "members-assembly", proxy("p2", "p1", "h1", " "), "no_authorization"],
  ] as const)("does not count a proxy at %s", (_label, bodyKind, record, problem) => {
    const members = roster(3, ["h1", "h1", "h1"]);
    const s = summarizeAttendance(members, [here("p1"), record], { bodyKind });
    expect(s.present).toBe(1);
    expect(s.absent).toContain("p2");
    expect(s.proxies[0]).toMatchObject({ isCounted: false, problem });
  });

  it("uses the roster's facts for a holder on the roster", () => {
    const members: RosterMember[] = [
      { personId: "p1", householdId: "h1", isAdult: false },
      { personId: "p2", householdId: "h1", isAdult: true },
    ];
    const record: AttendanceRecord = {
      personId: "p2",
      status: "proxy",
      proxy: { holder: { personId: "p1", householdId: "h1", isAdult: true }, authorizationNote: "委托书" },
    };
    const s = summarizeAttendance(members, [here("p1"), record], { bodyKind: "members-assembly" });
    expect(s.proxies[0]).toMatchObject({ isCounted: false, problem: "holder_not_adult" });
  });

  it("does not chain proxies: a holder who is away by proxy cannot hold another's", () => {
    const members = roster(3, ["h1", "h1", "h1"]);
    const s = summarizeAttendance(members, [here("p1"), proxy("p2", "p1", "h1"), proxy("p3", "p2", "h1")], { bodyKind: "members-assembly" });
    expect(s.present).toBe(2);
    expect(s.proxies.map((p) => p.problem)).toEqual([null, "holder_not_present"]);
  });

  it("lists non-voting attendees apart from the roster", () => {
    const nonVoting = [{ name: "王干事", personId: null, capacity: "乡镇联村干部" }];
    const s = summarizeAttendance(roster(2), [here("p1")], { bodyKind: "villager-representatives", nonVoting });
    expect(s.nonVoting).toEqual(nonVoting);
    expect(s.expected).toBe(2);
  });

  it.each([
    ["a record for someone off the roster", [here("zz")], [], "records"],
    ["two records for one member", [here("p1"), online("p1")], [], "records"],
    ["a roster member as non-voting", [], [{ name: "甲", personId: "p1", capacity: "村民" }], "nonVoting"],
    ["a nameless non-voting attendee", [], [{ name: " ", personId: null, capacity: "村民" }], "nonVoting"],
  ] as const)("refuses %s", (_label, records, nonVoting, field) => {
    expect(() => summarizeAttendance(roster(2), records, { bodyKind: "villager-representatives", nonVoting })).toThrow(
      expect.objectContaining({ code: "invalid_input", field }),
    );
  });
});

describe("household counting (VCOL 22, 28: 户代表)", () => {
  // h1: p1 adult, p2 minor · h2: p3, p4 · h3: p5 · p6 without household
  const members: RosterMember[] = [
    { personId: "p1", householdId: "h1", isAdult: true },
    { personId: "p2", householdId: "h1", isAdult: false },
    { personId: "p3", householdId: "h2", isAdult: true },
    { personId: "p4", householdId: "h2", isAdult: true },
    { personId: "p5", householdId: "h3", isAdult: true },
    { personId: "p6", householdId: null, isAdult: true },
  ];

  it.each([
    ["nobody", [], 0],
    ["two adults of one household", [here("p3"), online("p4")], 1],
    ["only a minor of a household", [here("p2")], 0],
    ["an adult of each of two households", [here("p1"), here("p5")], 2],
    ["a member outside any household (a household of one)", [here("p6")], 1],
  ] as [string, AttendanceRecord[], number][])("%s present → %i households represented", (_label, records, presentHouseholds) => {
    for (const bodyKind of ["villagers-assembly", "villager-group"] as const) {
      const s = summarizeAttendance(members, records, { bodyKind });
      expect(s.households).toBe(4);
      expect(s.presentHouseholds).toBe(presentHouseholds);
    }
  });
});
