import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidFraction } from "./counting";
import { evaluateDecision } from "./evaluate";
import { BODY_RULES } from "./tables";
import { BODY_KINDS, type DecisionInput, type Fraction, MATTER_KINDS } from "./types";

const fraction: fc.Arbitrary<Fraction> = fc
  .record({ numerator: fc.integer({ min: 1, max: 12 }), denominator: fc.integer({ min: 1, max: 12 }), isMoreThan: fc.boolean() })
  .filter(isValidFraction);

/** Any possible motion: counts derived so that every constraint of the input holds. */
const decisionInput: fc.Arbitrary<DecisionInput> = fc
  .record({
    body: fc.constantFrom(...BODY_KINDS),
    matter: fc.constantFrom(...MATTER_KINDS),
    members: fc.integer({ min: 1, max: 600 }),
    seeds: fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
    isHouseholdForm: fc.boolean(),
    recusedLeaveBase: fc.boolean(),
    quorum: fc.option(fraction, { nil: undefined }),
    pass: fc.option(fraction, { nil: undefined }),
  })
  .map(({ body, matter, members, seeds, isHouseholdForm, recusedLeaveBase, quorum, pass }) => {
    const [s0, s1, s2, s3, s4, s5, s6] = seeds as [number, number, number, number, number, number, number];
    const present = s0 % (members + 1);
    const useHouseholds = isHouseholdForm && BODY_RULES[body].householdQuorum !== undefined;
    const households = 1 + (s1 % 300);
    const presentHouseholds = s2 % (households + 1);
    const attendees = useHouseholds ? presentHouseholds : present;
    const recused = s3 % (attendees + 1);
    const voters = attendees - recused;
    const yes = s4 % (voters + 1);
    const no = s5 % (voters - yes + 1);
    const abstain = s6 % (voters - yes - no + 1);
    return {
      body,
      matter,
      members,
      present,
      ...(useHouseholds ? { households, presentHouseholds } : {}),
      yes,
      no,
      abstain,
      recused,
      charter: { recusedLeaveBase, quorum, pass },
    };
  });

describe("evaluateDecision properties", () => {
  it("passes exactly when competent, quorate and with enough yes votes", () => {
    fc.assert(
      fc.property(decisionInput, (input) => {
        const r = evaluateDecision(input);
        expect(r.passed).toBe(r.competent && r.quorumMet && input.yes >= r.yesRequired);
        expect(r.yesRequired).toBeGreaterThanOrEqual(1);
        expect(r.quorumBasis).toBe(input.presentHouseholds === undefined ? "members" : "households");
        expect(Number.isInteger(r.quorumRequired) && Number.isInteger(r.yesRequired)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("a charter's quorum and pass shares never lower the legal requirement", () => {
    fc.assert(
      fc.property(decisionInput, (input) => {
        const withCharter = evaluateDecision(input);
        // Same recusal reading, no charter shares: the legal requirement.
        const legal = evaluateDecision({ ...input, charter: { recusedLeaveBase: input.charter?.recusedLeaveBase } });
        expect(withCharter.quorumRequired).toBeGreaterThanOrEqual(legal.quorumRequired);
        expect(withCharter.yesRequired).toBeGreaterThanOrEqual(legal.yesRequired);
        if (withCharter.passed) expect(legal.passed).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("more yes votes never turn a passed motion into a failed one", () => {
    fc.assert(
      fc.property(decisionInput, (input) => {
        const voters = (input.presentHouseholds ?? input.present) - (input.recused ?? 0);
        fc.pre(input.yes + input.no + input.abstain < voters);
        const before = evaluateDecision(input);
        const after = evaluateDecision({ ...input, yes: input.yes + 1 });
        if (before.passed) expect(after.passed).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
