import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { evaluateDecision } from "./evaluate";
import type { DecisionInput } from "./types";

const valid: DecisionInput = { body: "villager-representatives", members: 30, present: 24, yes: 10, no: 8, abstain: 4 };

function fieldOf(input: unknown): string | undefined {
  try {
    evaluateDecision(input as DecisionInput);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    return (error as AppError).field;
  }
  throw new Error("expected evaluateDecision to throw");
}

describe("impossible input is refused with the field at fault", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["more present than members", { present: 31 }, "present"],
    ["more votes than present", { present: 20, yes: 12, no: 8, abstain: 1 }, "votes"],
    ["votes from recused members", { recused: 3, yes: 12, no: 8, abstain: 2 }, "votes"],
    ["more recused than present", { recused: 25 }, "recused"],
    ["a negative count", { no: -1 }, "no"],
    ["a fractional count", { yes: 1.5 }, "yes"],
    ["a count that is not a number", { abstain: "4" }, "abstain"],
    ["a missing count", { present: undefined }, "present"],
    ["a body with no members", { members: 0, present: 0, yes: 0, no: 0, abstain: 0 }, "members"],
    ["a non-integer recused count", { recused: 0.5 }, "recused"],
    ["an unknown body", { body: "village-council" }, "body"],
    ["an unknown matter", { matter: "lottery" }, "matter"],
    ["a charter quorum above one", { charter: { quorum: { numerator: 4, denominator: 3 } } }, "charter.quorum"],
    ["a charter quorum of zero", { charter: { quorum: { numerator: 0, denominator: 3 } } }, "charter.quorum"],
    ["a charter pass with fractional parts", { charter: { pass: { numerator: 1.5, denominator: 3 } } }, "charter.pass"],
    ["a charter pass of more than all", { charter: { pass: { numerator: 1, denominator: 1, isMoreThan: true } } }, "charter.pass"],
  ])("refuses %s", (_label, overrides, field) => {
    expect(fieldOf({ ...valid, ...overrides })).toBe(field);
  });

  describe("household form", () => {
    const assembly = { ...valid, body: "villagers-assembly", members: 250, present: 100, households: 90, presentHouseholds: 60 };
    it.each<[string, Record<string, unknown>, string]>([
      ["more households present than there are", { presentHouseholds: 91 }, "presentHouseholds"],
      ["households present without the number of households", { households: undefined }, "households"],
      ["a negative number of households", { households: -1 }, "households"],
      ["a fractional number of households present", { presentHouseholds: 59.5 }, "presentHouseholds"],
      ["more household votes than households present", { presentHouseholds: 20 }, "votes"],
      ["the household form at a body that counts persons only", { body: "board", members: 7, present: 5, yes: 3, no: 2, abstain: 0 }, "presentHouseholds"],
    ])("refuses %s", (_label, overrides, field) => {
      expect(fieldOf({ ...assembly, ...overrides })).toBe(field);
    });
  });

  it("accepts the same input when it is possible", () => {
    expect(() => evaluateDecision(valid)).not.toThrow();
    expect(() => evaluateDecision({ ...valid, recused: 2 })).not.toThrow();
  });
});
