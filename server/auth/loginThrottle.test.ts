/**
 * The login throttle on a real server (issue #17): guesses sent at once cannot all be checked, because each one
 * reserves its attempt in the shared store before the password is verified. With DATABASE_URL (and REDIS_URL) set,
 * the guesses are split over two nodes of one database: the limit is the same for both together.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { demoPhone } from "../testing/builders";
import { startServer, type TestServer } from "../testing/server";
import { PHONE_POINTS } from "./throttle";

const servers: TestServer[] = [];

beforeAll(async () => {
  // YISHI_TRUST_PROXY: each guess comes "from" its own address (X-Forwarded-For), as a botnet's would.
  const env = { YISHI_TRUST_PROXY: "1" };
  const first = await startServer({ env });
  servers.push(first);
  if (first.databaseUrl) servers.push(await startServer({ env, databaseUrl: first.databaseUrl, reuseDatabase: true }));
}, 180_000);

afterAll(async () => {
  for (const server of servers.slice(1)) await server.stop();
  await servers[0]?.cleanup();
});

/** Posts the no-JavaScript login form; answers the error code the login page is sent back with, or "ok". */
async function guess(url: string, phone: string, password: string, address: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: url, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": address },
    body: new URLSearchParams({ phone, password }),
  });
  const location = response.headers.get("location") ?? "";
  return new URL(location, url).searchParams.get("error") ?? (location.endsWith("/me") ? "ok" : `status ${response.status}`);
}

describe("the login throttle", () => {
  it("checks at most five of 40 wrong passwords sent at once from 40 addresses, and then refuses even the right one", async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => guess(servers[i % servers.length]?.url ?? "", demoPhone("recorder"), `guess-${i}`, `203.0.113.${i + 1}`)),
    );
    const checked = answers.filter((a) => a === "failed").length;
    expect(checked, `answers: ${answers.join(",")}`).toBeLessThanOrEqual(PHONE_POINTS);
    expect(answers.filter((a) => a === "throttled").length).toBeGreaterThanOrEqual(40 - PHONE_POINTS);
    expect(await guess(servers[0]?.url ?? "", demoPhone("recorder"), DEMO_PASSWORD, "198.51.100.7")).toBe("throttled");
  });

  it("still lets another member log in meanwhile, and counts their success against nobody", async () => {
    for (let i = 0; i < 3; i += 1) expect(await guess(servers[0]?.url ?? "", demoPhone("member"), DEMO_PASSWORD, "198.51.100.8")).toBe("ok");
  });
});
