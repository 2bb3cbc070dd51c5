import { describe, expect, it } from "vitest";
import { witnessProblem } from "./witnessRules";

const candidates = new Set(["chair", "a", "b"]);
const check = (witnessIds: [string, string], signerId = "x") => witnessProblem({ signerId, witnessIds, recorderId: "rec", candidates })?.reason ?? null;

describe("witnesses of an assisted signature", () => {
  it("accepts the chair and an attendee present in person, both with accounts", () => {
    expect(check(["chair", "a"])).toBeNull();
    expect(check(["a", "b"])).toBeNull();
  });

  it("refuses one person named twice, the signer, the recorder, and anyone not in the hall with an account", () => {
    expect(check(["a", "a"])).toBe("witness_same");
    expect(check(["a", "x"])).toBe("witness_is_signer");
    expect(check(["rec", "a"])).toBe("witness_is_recorder");
    expect(check(["a", "stranger"])).toBe("witness_not_present");
  });

  it("names the field at fault", () => {
    expect(witnessProblem({ signerId: "x", witnessIds: ["a", "stranger"], recorderId: "rec", candidates })?.field).toBe("witness2");
  });
});
