import { describe, expect, it } from "vitest";
import { loginWaitMs, recordLoginFailure, recordLoginSuccess } from "./throttle";

describe("login throttling", () => {
  it("lets five wrong passwords through, then doubles the wait each time", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i += 1) {
      expect(loginWaitMs("13900000001", "10.0.0.1", t0)).toBe(0);
      recordLoginFailure("13900000001", "10.0.0.1", t0);
    }
    expect(loginWaitMs("13900000001", "10.0.0.1", t0)).toBe(1_000);
    recordLoginFailure("13900000001", "10.0.0.1", t0 + 1_000);
    expect(loginWaitMs("13900000001", "10.0.0.1", t0 + 1_000)).toBe(2_000);
  });

  it("throttles an address that tries many phone numbers", () => {
    for (let i = 0; i < 6; i += 1) recordLoginFailure(`1390000010${i}`, "10.0.0.2", 2_000_000);
    expect(loginWaitMs("13900000199", "10.0.0.2", 2_000_000)).toBeGreaterThan(0);
    expect(loginWaitMs("13900000199", "10.0.0.3", 2_000_000)).toBe(0);
  });

  it("forgets a phone's failures after a successful login", () => {
    for (let i = 0; i < 6; i += 1) recordLoginFailure("13900000002", "10.0.0.4", 3_000_000);
    recordLoginSuccess("13900000002");
    expect(loginWaitMs("13900000002", "10.0.0.9", 3_000_000)).toBe(0);
  });
});
