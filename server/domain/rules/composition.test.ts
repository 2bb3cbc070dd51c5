import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { checkComposition } from "./composition";

const codes = (input: Parameters<typeof checkComposition>[0]) => checkComposition(input).map((w) => w.code);

describe("checkComposition: villager representatives' meeting (VCOL 25)", () => {
  it("accepts representatives at ⅘ and women at ⅓ of all members", () => {
    expect(checkComposition({ on: "2025-06-01", body: "villager-representatives", members: 30, representatives: 24, women: 10 })).toEqual([]);
  });

  it("warns when representatives are below ⅘ of the members", () => {
    const [warning] = checkComposition({ on: "2025-06-01", body: "villager-representatives", members: 30, representatives: 23 });
    expect(warning).toMatchObject({ code: "representatives_below_four_fifths", legalBasis: "村民委员会组织法（2018年修正）第二十五条" });
    expect(warning?.message["zh-CN"]).toContain("至少24人");
  });

  it("counts women against all members of the meeting, as the law says (组成人员)", () => {
    expect(codes({ body: "villager-representatives", members: 31, representatives: 25, women: 10 })).toEqual(["women_below_one_third"]);
    expect(codes({ body: "villager-representatives", members: 31, representatives: 25, women: 11 })).toEqual([]);
  });
});

describe("checkComposition: members' representative assembly (RCEOL 28)", () => {
  it("needs more than twenty representatives", () => {
    expect(codes({ body: "member-representatives", members: 20 })).toEqual(["representatives_not_more_than_twenty"]);
    expect(codes({ body: "member-representatives", members: 21 })).toEqual([]);
  });

  it("flags an assembly without women", () => {
    expect(codes({ body: "member-representatives", members: 30, women: 0 })).toEqual(["no_women_representatives"]);
    expect(codes({ body: "member-representatives", members: 30, women: 3 })).toEqual([]);
  });

  it("checks one representative per 5 to 15 households", () => {
    expect(codes({ body: "member-representatives", members: 30, households: 300 })).toEqual([]); // 20 … 60
    expect(codes({ body: "member-representatives", members: 61, households: 300 })).toEqual(["representatives_per_households"]);
    expect(codes({ body: "member-representatives", members: 25, households: 400 })).toEqual(["representatives_per_households"]); // needs 27
  });
});

describe("checkComposition: board (RCEOL 29)", () => {
  it.each([
    [3, true],
    [5, true],
    [7, true],
    [1, false],
    [4, false],
    [9, false],
  ])("a board of %i is %s", (members, isFine) => {
    expect(codes({ body: "board", members })).toEqual(isFine ? [] : ["board_size"]);
  });
});

describe("checkComposition: input", () => {
  it("has no composition rule for other bodies", () => {
    expect(checkComposition({ on: "2025-06-01", body: "party-members", members: 2 })).toEqual([]);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ body: "nope", members: 3 }, "body"],
    [{ body: "board", members: 0 }, "members"],
    [{ body: "villager-representatives", members: 30, representatives: 31 }, "representatives"],
    [{ body: "villager-representatives", members: 30, representatives: 24, women: 25 }, "women"],
    [{ body: "member-representatives", members: 30, households: -5 }, "households"],
  ])("refuses %o (field %s)", (input, field) => {
    expect(() => checkComposition(input as Parameters<typeof checkComposition>[0])).toThrow(AppError);
    try {
      checkComposition(input as Parameters<typeof checkComposition>[0]);
    } catch (error) {
      expect((error as AppError).field).toBe(field);
    }
  });
});
