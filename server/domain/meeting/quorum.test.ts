import { describe, expect, it } from "vitest";
import { type AttendanceRecord, type RosterMember, summarizeAttendance } from "./attendance";
import { quorumStatus } from "./quorum";

function roster(n: number, householdOf: (i: number) => string = (i) => `h${i}`): RosterMember[] {
  return Array.from({ length: n }, (_, i) => ({ personId: `p${i}`, householdId: householdOf(i), isAdult: true }));
}
function presentFirst(n: number): AttendanceRecord[] {
  return Array.from({ length: n }, (_, i) => ({ personId: `p${i}`, status: "present_in_person" }));
}

describe("quorumStatus", () => {
  it("a body with nobody on its roster yet: not met, and says why in words (no error for the live view)", () => {
    const q = quorumStatus(summarizeAttendance([], [], { bodyKind: "board" }), "board", undefined, "members", "2026-06-01");
    expect(q).toMatchObject({ quorumMet: false, expected: 0, present: 0 });
    expect(q.explanation["zh-CN"]).toContain("还没有成员名单");
    expect(q.explanation.en).toContain("nobody on its roster");
  });

  it("E1: 30 representatives, 19 present — not met, needs 20", () => {
    const s = summarizeAttendance(roster(30), presentFirst(19), { bodyKind: "villager-representatives" });
    const q = quorumStatus(s, "villager-representatives", undefined, "members", "2025-06-01");
    expect(q).toMatchObject({ quorumMet: false, quorumRequired: 20, basis: "members", expected: 30, present: 19 });
    expect(q.legalBasis).toContain("村民委员会组织法（2018年修正）第二十六条");
    // The same meeting held under the 2025 amendment cites its article (VCOL 2025 art. 30).
    expect(quorumStatus(s, "villager-representatives", undefined, "members", "2026-06-01").legalBasis).toContain("村民委员会组织法（2025年修正）第三十条");
    expect(q.explanation["zh-CN"]).toContain("还差1人");
    expect(q.explanation["zh-CN"]).not.toContain("同意");
  });

  it("E4: members' assembly of 300 with 199 present, proxies included — not met, needs 200", () => {
    // 150 households of two: in each of the first 49 households one member holds the other's written proxy.
    const members = roster(300, (i) => `h${Math.floor(i / 2)}`);
    const records: AttendanceRecord[] = presentFirst(150);
    for (let i = 1; i < 98; i += 2) {
      records[i] = {
        personId: `p${i}`,
        status: "proxy",
        proxy: { holder: { personId: `p${i - 1}`, householdId: `h${(i - 1) / 2}`, isAdult: true }, authorizationNote: "委托书" },
      };
    }
    records.push(...Array.from({ length: 49 }, (_, k): AttendanceRecord => ({ personId: `p${150 + k}`, status: "present_online" })));
    const s = summarizeAttendance(members, records, { bodyKind: "members-assembly" });
    expect(s).toMatchObject({ present: 199, presentByProxy: 49, presentOnline: 49 });
    const q = quorumStatus(s, "members-assembly");
    expect(q).toMatchObject({ quorumMet: false, quorumRequired: 200 });
    expect(q.explanation["zh-CN"]).toContain("委托49人");
  });

  it("applies a stricter charter quorum", () => {
    const s = summarizeAttendance(roster(30), presentFirst(20), { bodyKind: "villager-representatives" });
    expect(quorumStatus(s, "villager-representatives").quorumMet).toBe(true);
    const q = quorumStatus(s, "villager-representatives", { quorum: { numerator: 3, denominator: 4 } });
    expect(q).toMatchObject({ quorumMet: false, quorumRequired: 23 });
  });

  it("counts households in the household form of a villagers' assembly (⅔ of households)", () => {
    // 12 households of two; one adult of each of 8 households comes: 8 of 24 persons, 8 of 12 households.
    const s = summarizeAttendance(
      roster(24, (i) => `h${Math.floor(i / 2)}`),
      Array.from({ length: 8 }, (_, k) => ({ personId: `p${2 * k}`, status: "present_in_person" as const })),
      {
        bodyKind: "villagers-assembly",
      },
    );
    expect(quorumStatus(s, "villagers-assembly").quorumMet).toBe(false); // persons: needs 13 of 24
    const q = quorumStatus(s, "villagers-assembly", undefined, "households");
    expect(q).toMatchObject({ quorumMet: true, quorumRequired: 8, basis: "households", expected: 12, present: 8 });
    expect(q.explanation["zh-CN"]).toContain("应到12户");
  });

  it("says when the law sets no quorum (members' representative assembly)", () => {
    const s = summarizeAttendance(roster(25), presentFirst(3), { bodyKind: "member-representatives" });
    const q = quorumStatus(s, "member-representatives");
    expect(q).toMatchObject({ quorumMet: true, quorumRequired: 0 });
    expect(q.explanation.en).toContain("no attendance requirement");
  });

  it.each([
    ["a body without the household form", "villager-representatives", "villager-representatives", "households", "basis"],
    ["a summary of another body", "villager-representatives", "board", "members", "bodyKind"],
  ] as const)("refuses %s", (_label, summarized, asked, basis, field) => {
    const s = summarizeAttendance(roster(5), presentFirst(5), { bodyKind: summarized });
    expect(() => quorumStatus(s, asked, undefined, basis)).toThrow(expect.objectContaining({ code: "invalid_input", field }));
  });
});
