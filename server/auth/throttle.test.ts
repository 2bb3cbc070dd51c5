import { describe, expect, it } from "vitest";
import { ADDRESS_POINTS, createLoginLimiters, loginSucceeded, PHONE_POINTS, reserveLoginAttempt } from "./throttle";

// The store used on a single PGlite node (memory); the shared stores (Redis, PostgreSQL) are driven through a real
// server in server/security.test.ts, with whatever REDIS_URL and DATABASE_URL the run sets.
describe("login throttling", () => {
  it("reserves before checking: of 40 guesses at one phone sent at once from 40 addresses, only five may be checked", async () => {
    const limiters = createLoginLimiters({});
    const reservations = await Promise.all(Array.from({ length: 40 }, (_, i) => reserveLoginAttempt("13900000001", `10.0.1.${i}`, limiters)));
    expect(reservations.filter((r) => r !== null)).toHaveLength(PHONE_POINTS);
  });

  it("throttles an address that tries many phone numbers", async () => {
    const limiters = createLoginLimiters({});
    const tries = await Promise.all(
      Array.from({ length: ADDRESS_POINTS + 10 }, (_, i) => reserveLoginAttempt(`139000001${String(i).padStart(2, "0")}`, "10.0.0.2", limiters)),
    );
    expect(tries.filter((r) => r !== null)).toHaveLength(ADDRESS_POINTS);
    expect(await reserveLoginAttempt("13900000199", "10.0.0.3", limiters)).not.toBeNull();
  });

  it("forgets a phone's attempts after a successful login", async () => {
    const limiters = createLoginLimiters({});
    let last = null;
    for (let i = 0; i < PHONE_POINTS; i += 1) last = await reserveLoginAttempt("13900000002", "10.0.0.4", limiters);
    expect(await reserveLoginAttempt("13900000002", "10.0.0.4", limiters)).toBeNull();
    if (!last) throw new Error("the fifth attempt was not reserved");
    await loginSucceeded(last, limiters);
    expect(await reserveLoginAttempt("13900000002", "10.0.0.9", limiters)).not.toBeNull();
  });
});
