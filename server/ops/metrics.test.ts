import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed";
import { login } from "../testing/http";
import { liveClient } from "../testing/liveClient";
import { startServer, type TestServer } from "../testing/server";

const TOKEN = "prometheus-token-for-the-ops-test";

function value(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(" ")[1]) : Number.NaN;
}

describe("metrics and logs of a running server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { YISHI_METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it("serves /metrics only with the bearer token once YISHI_METRICS_TOKEN is set", async () => {
    const bare = await fetch(`${server.url}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer not-the-token" } })).status).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain");
    const text = await ok.text();
    // The demo seed ran through the commands: they are counted by name, with latencies, and their audit appends.
    expect(value(text, 'yishi_commands_total{command="org/createPerson",outcome="ok"}')).toBeGreaterThan(10);
    expect(value(text, 'yishi_command_duration_seconds_count{command="live/closeVote"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, "yishi_audit_append_duration_seconds_count")).toBeGreaterThan(10);
    expect(value(text, "yishi_meetings_in_session")).toBe(0);
    expect(value(text, "yishi_audit_unsigned_entries")).toBe(0);
    expect(value(text, "yishi_audit_latest_checkpoint_age_seconds")).toBeGreaterThanOrEqual(0);
  });

  it("counts connected sockets by role, and votes by outcome", async () => {
    const member = DEMO_ACCOUNTS.find((a) => a.role === "member");
    const cookie = await login(server.url, member?.phone ?? "", DEMO_PASSWORD);
    const signedIn = await liveClient(server.url, cookie ?? "");
    const anonymous = await liveClient(server.url);
    try {
      const refused = await signedIn.call("vote:cast", {
        meetingId: "no-such-meeting",
        motionId: "no-such-motion",
        choice: "yes",
        clientId: "ops-test-vote-1",
      });
      expect(refused.ok).toBe(false);
      const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      expect(value(text, 'yishi_socket_connections{role="signed_in"}')).toBe(1);
      expect(value(text, 'yishi_socket_connections{role="anonymous"}')).toBe(1);
      expect(value(text, 'yishi_votes_total{outcome="refused"}')).toBe(1);
      expect(value(text, 'yishi_commands_total{command="live/castVote",outcome="refused"}')).toBe(1);
    } finally {
      signedIn.close();
      anonymous.close();
    }
  });

  it("logs one JSON line per command with request id, actor id, command, duration and outcome — no names, no phones", async () => {
    const member = DEMO_ACCOUNTS.find((a) => a.role === "member");
    const cookie = await login(server.url, member?.phone ?? "", DEMO_PASSWORD);
    const response = await fetch(`${server.url}/api/account/logout-everywhere`, { method: "POST", headers: { cookie: cookie ?? "", origin: server.url } });
    expect(response.status).toBeLessThan(400);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const commandLines = lines.filter((l) => l.msg === "command");
    const mine = commandLines.find((l) => l.reqId === requestId);
    expect(mine).toMatchObject({ actorId: expect.any(String), outcome: "ok", command: expect.any(String) });
    expect(typeof mine?.durationMs).toBe("number");
    expect(String(mine?.actorId)).not.toBe("system");
    const logText = commandLines.map((l) => JSON.stringify(l)).join("\n");
    for (const account of DEMO_ACCOUNTS) {
      expect(logText).not.toContain(account.phone);
      expect(logText).not.toContain(account.name);
    }
  });
});
