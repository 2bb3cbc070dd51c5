/**
 * Refuses inputs that cannot be true, with an AppError("invalid_input") naming the field at fault.
 * Input may come from JSON, so kinds and numbers are checked at run time too.
 */
import { AppError } from "../../errors";
import { isValidFraction } from "./counting";
import { BODY_RULES } from "./tables";
import { BODY_KINDS, type BodyKind, type DecisionInput, type Fraction, MATTER_KINDS, type MatterKind } from "./types";

export type CheckedInput = DecisionInput & {
  matter: MatterKind;
  recused: number;
  /** Household form (户代表): quorum counts households and the attendee base is presentHouseholds. */
  isHouseholdForm: boolean;
};

function fail(field: string, message: string, details?: Record<string, unknown>): never {
  throw new AppError("invalid_input", message, { field, details });
}

export function assertBodyKind(body: unknown, field = "body"): asserts body is BodyKind {
  if (!(BODY_KINDS as readonly unknown[]).includes(body)) fail(field, `unknown body kind: ${String(body)}`);
}

export function assertMatterKind(matter: unknown, field = "matter"): asserts matter is MatterKind {
  if (!(MATTER_KINDS as readonly unknown[]).includes(matter)) fail(field, `unknown matter kind: ${String(matter)}`);
}

/** A whole count ≥ min; `undefined` is allowed only for optional fields. */
export function assertCount(value: unknown, field: string, min = 0): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    fail(field, `${field} must be a whole number ≥ ${min}`, { value });
  }
}

export function assertFraction(fraction: Fraction | undefined, field: string): void {
  if (fraction === undefined) return;
  if (typeof fraction !== "object" || fraction === null || !isValidFraction(fraction)) {
    fail(field, `${field} must be a fraction in (0, 1] with whole parts`, { fraction });
  }
}

export function checkDecisionInput(input: DecisionInput): CheckedInput {
  assertBodyKind(input.body);
  const matter = input.matter ?? "general";
  assertMatterKind(matter);

  assertCount(input.members, "members", 1);
  for (const field of ["present", "yes", "no", "abstain"] as const) assertCount(input[field], field);
  const recused = input.recused ?? 0;
  assertCount(recused, "recused");
  if (input.households !== undefined) assertCount(input.households, "households");
  if (input.presentHouseholds !== undefined) assertCount(input.presentHouseholds, "presentHouseholds");

  if (input.present > input.members) {
    fail("present", "more members present than the body has", { present: input.present, members: input.members });
  }

  const isHouseholdForm = input.presentHouseholds !== undefined;
  let attendees = input.present;
  if (isHouseholdForm) {
    if (BODY_RULES[input.body].householdQuorum === undefined) {
      fail("presentHouseholds", "this body does not count quorum by household", { body: input.body });
    }
    if (input.households === undefined || input.households < 1) {
      fail("households", "the household form needs the number of households (≥ 1)");
    }
    const presentHouseholds = input.presentHouseholds ?? 0;
    if (presentHouseholds > input.households) {
      fail("presentHouseholds", "more households present than there are", { presentHouseholds, households: input.households });
    }
    attendees = presentHouseholds;
  }

  // The recused are present but cannot vote: they come out of those who can.
  if (recused > attendees) fail("recused", "more recused than present", { recused, present: attendees });
  const votes = input.yes + input.no + input.abstain;
  if (votes > attendees - recused) {
    fail("votes", "more votes (yes + no + abstain) than present members who may vote", {
      votes,
      present: attendees,
      recused,
    });
  }

  const { charter } = input;
  if (charter !== undefined && charter !== null) {
    assertFraction(charter.quorum, "charter.quorum");
    assertFraction(charter.pass, "charter.pass");
  }
  return { ...input, matter, recused, isHouseholdForm };
}
