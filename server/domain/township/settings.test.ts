import { describe, expect, it } from "vitest";
import { DEFAULT_PRE_REVIEW_AMOUNT_YUAN, isPreReviewApproved, preReviewNeed, readTownshipSettings } from "./settings";

describe("township pre-review settings (issue #20)", () => {
  it("defaults: land and charter matters and funds from 100,000 yuan need pre-review; a general small matter does not", () => {
    const settings = readTownshipSettings(null);
    expect(preReviewNeed(settings, { kind: "land-contract-outsider", amountYuan: null })).toEqual({ required: true, because: "kind" });
    expect(preReviewNeed(settings, { kind: "charter", amountYuan: null })).toEqual({ required: true, because: "kind" });
    expect(preReviewNeed(settings, { kind: "general", amountYuan: DEFAULT_PRE_REVIEW_AMOUNT_YUAN })).toEqual({ required: true, because: "amount" });
    expect(preReviewNeed(settings, { kind: "general", amountYuan: DEFAULT_PRE_REVIEW_AMOUNT_YUAN - 1 })).toEqual({ required: false });
    expect(preReviewNeed(settings, { kind: "general", amountYuan: null })).toEqual({ required: false });
  });

  it("a township's own amount and kinds replace the defaults; malformed fields fall back to them", () => {
    const settings = readTownshipSettings({ preReviewKinds: ["membership"], preReviewAmountYuan: 20_000 });
    expect(preReviewNeed(settings, { kind: "charter", amountYuan: null })).toEqual({ required: false });
    expect(preReviewNeed(settings, { kind: "membership", amountYuan: null })).toEqual({ required: true, because: "kind" });
    expect(preReviewNeed(settings, { kind: "general", amountYuan: 20_000 })).toEqual({ required: true, because: "amount" });
    expect(readTownshipSettings({ preReviewKinds: ["no-such-kind"], preReviewAmountYuan: -5 })).toEqual(readTownshipSettings(undefined));
  });

  it("only the latest pre-review counts: a return after an approval blocks again", () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    expect(isPreReviewApproved([])).toBe(false);
    expect(isPreReviewApproved([{ state: "approved", requestedAt: at(1) }])).toBe(true);
    expect(
      isPreReviewApproved([
        { state: "approved", requestedAt: at(1) },
        { state: "returned", requestedAt: at(2) },
      ]),
    ).toBe(false);
    expect(
      isPreReviewApproved([
        { state: "returned", requestedAt: at(1) },
        { state: "approved", requestedAt: at(2) },
      ]),
    ).toBe(true);
  });
});
