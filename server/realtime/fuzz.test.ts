import fc from "fast-check";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { ERROR_CODES } from "../errors";
import { MINUTES_EVENTS } from "../minutes/protocol";
import { demoPhone } from "../testing/builders";
import { login } from "../testing/http";
import { startServer, type TestServer } from "../testing/server";
import { MEETING_EVENTS } from "./meetingRoom";

// Events clients send (minutes:record and minutes:status are pushed by the server only), and one nobody handles.
const CLIENT_MINUTES_EVENTS = Object.values(MINUTES_EVENTS).filter((e) => e !== MINUTES_EVENTS.record && e !== MINUTES_EVENTS.status);
const EVENTS = [...MEETING_EVENTS, ...CLIENT_MINUTES_EVENTS, "no:such:event"];
/** Leaving a room one is not in is harmless and acknowledged; every other event must refuse garbage. */
const HARMLESS = new Set<string>([MINUTES_EVENTS.leave]);
const SOCKETS = 100;
const PER_SOCKET = 100; // 10,000 in all; under each connection's burst allowance

/** Payloads a broken or hostile client might send: anything, plus near-misses of the real shapes. */
function payloads(meetingId: string): fc.Arbitrary<unknown> {
  const nearMiss = fc.record(
    {
      meetingId: fc.oneof(fc.constant(meetingId), fc.string(), fc.integer(), fc.constant(null)),
      motionId: fc.oneof(fc.string(), fc.integer()),
      choice: fc.oneof(fc.constantFrom("yes", "no", "abstain", "YES", ""), fc.anything()),
      clientId: fc.string({ maxLength: 80 }),
      personId: fc.string(),
      status: fc.oneof(fc.constantFrom("present_in_person", "proxy", "absent"), fc.string()),
      update: fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.string()),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(fc.anything(), nearMiss, fc.constant(undefined), fc.string({ maxLength: 200 }));
}

function open(url: string, cookie?: string): Promise<Socket> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

describe("socket fuzzing", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it("answers 10,000 random and malformed payloads with typed errors and changes nothing", async () => {
    const member = (await login(server.url, demoPhone("member"), DEMO_PASSWORD)) ?? "";
    const supervisor = (await login(server.url, demoPhone("supervisor"), DEMO_PASSWORD)) ?? "";
    const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie: member } })).json()).data as { id: string }[];
    const meetingId = meetings[0]?.id ?? "";
    const orgs = (await (await fetch(`${server.url}/api/orgs`, { headers: { cookie: supervisor } })).json()).data as { id: string; level: string }[];
    const orgId = orgs.find((o) => o.level === "village")?.id ?? "";
    const status = async () => (await (await fetch(`${server.url}/api/audit/status?orgId=${orgId}`, { headers: { cookie: supervisor } })).json()).data.status;
    const before = await status();
    const observer = await open(server.url);
    const versionBefore = ((await observer.emitWithAck("meeting:join", { meetingId })) as { data: { view: { version: number } } }).data.view.version;

    // Anonymous sockets may aim at the real meeting (they must be refused); a member's random payloads use made-up
    // ids, so that no sample is by chance a valid command that would rightly change the record.
    const anonymousSamples = fc.sample(fc.tuple(fc.constantFrom(...EVENTS), payloads(meetingId)), (SOCKETS / 2) * PER_SOCKET);
    const memberSamples = fc.sample(fc.tuple(fc.constantFrom(...EVENTS), payloads("cm-no-such-meeting")), (SOCKETS / 2) * PER_SOCKET);
    const codes = new Map<string, number>();
    let sent = 0;
    const runSocket = async (s: number) => {
      const socket = await open(server.url, s % 2 === 0 ? member : undefined);
      const pool = s % 2 === 0 ? memberSamples : anonymousSamples;
      const start = Math.floor(s / 2) * PER_SOCKET;
      const batch = pool.slice(start, start + PER_SOCKET);
      const answers = await Promise.all(
        batch.map(([event, payload]) => {
          sent += 1;
          // An unknown event has no handler, so nothing answers it: send it without waiting.
          if (event === "no:such:event") {
            socket.emit(event, payload);
            return Promise.resolve({ ok: false, error: { code: "invalid_input" } });
          }
          return socket
            .timeout(20_000)
            .emitWithAck(event, payload)
            .then((reply: { ok: boolean }) => (reply.ok && HARMLESS.has(event) ? { ok: false, error: { code: "invalid_input" } } : reply))
            .catch(() => ({ ok: false, error: { code: `no_reply:${event}` } }));
        }),
      );
      for (const answer of answers) {
        const reply = answer as { ok: boolean; error?: { code: string } };
        const code = reply.ok ? "ok" : (reply.error?.code ?? "untyped");
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      socket.close();
    };
    for (let s = 0; s < SOCKETS; s += 10) await Promise.all(Array.from({ length: 10 }, (_, i) => runSocket(s + i)));
    expect(sent).toBe(SOCKETS * PER_SOCKET);
    // Every event with a handler is refused with a typed error code.
    const allowed = new Set<string>(ERROR_CODES);
    expect([...codes.keys()].filter((code) => !allowed.has(code))).toEqual([]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const after = await status();
    expect(after.entries).toBe(before.entries);
    expect(after.ok).toBe(true);
    const versionAfter = ((await observer.emitWithAck("meeting:join", { meetingId })) as { data: { view: { version: number } } }).data.view.version;
    expect(versionAfter).toBe(versionBefore);
    observer.close();
  }, 240_000);
});
