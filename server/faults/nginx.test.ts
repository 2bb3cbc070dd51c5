/**
 * deploy/nginx/yishi.conf run by Debian's nginx on loopback, in front of two nodes on PostgreSQL + Redis (the CI run
 * with DATABASE_URL and REDIS_URL) or in front of the one PGlite node (the PGlite run): logins, pages, WebSocket and
 * long-polling clients through the proxy. Then a node is lost (kill -9): its clients reconnect through nginx — to the
 * other node, or to the same node restarted on PGlite — within 5 s, and carry on, nothing lost.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { clusterServices, freePort, type Nginx, sharedSecrets, startNginx, startNode } from "../testing/cluster";
import type { TestServer } from "../testing/server";
import { type Assembly, createAssembly, withDatabase } from "./assembly";
import { castWithRetries, type Phone, phone, redeem, type Watcher, watch } from "./clients";
import { type Hall, runLiveScenario } from "./liveScenario";

const services = clusterServices();
const mode = services ? "two nodes on PostgreSQL + Redis" : "one PGlite node";

let database: { url: string; drop(): Promise<void> } | undefined;
const dirs: string[] = [];
let assembly: Assembly;
let secrets: Record<string, string>;
let ports: number[];
let nodes: (TestServer | undefined)[] = [];
let nginx: Nginx;
let hall: Hall;
const observers: { phone: Phone; watcher: Watcher }[] = [];

const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `yishi-${name}-`));
  dirs.push(dir);
  return dir;
};

function startAt(index: number): Promise<TestServer> {
  const dataDir = services ? (dirs[index + 1] as string) : (dirs[0] as string);
  // As deploy/nginx/yishi.conf says: nodes behind the proxy trust its X-Forwarded-For and X-Request-Id.
  return startNode({ databaseUrl: database?.url, dataDir, redisUrl: services?.redisUrl, secrets, port: ports[index], env: { YISHI_TRUST_PROXY: "1" } });
}

/** A phone that joins the meeting again whenever its socket (re)connects, as the live page does. */
async function joined(url: string, cookie?: string, transports?: ("websocket" | "polling")[]): Promise<Phone> {
  const p = await phone(url, cookie, { transports });
  p.socket.on("connect", () => void p.call("meeting:join", { meetingId: assembly.meetingId }, 10_000).catch(() => undefined));
  expect(await p.call("meeting:join", { meetingId: assembly.meetingId })).toMatchObject({ ok: true });
  return p;
}

beforeAll(async () => {
  database = services ? await createFreshDatabase(services.databaseUrl, "yishi_nginx") : undefined;
  const setupDir = tempDir("nginx-data");
  assembly = await withDatabase({ dataDir: setupDir, databaseUrl: database?.url }, () => createAssembly({ voters: 8 }));
  secrets = sharedSecrets();
  const count = services ? 2 : 1;
  if (services) for (let i = 0; i < count; i += 1) tempDir(`nginx-node-${i}`);
  ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  nodes = await Promise.all(ports.map((_, i) => startAt(i)));
  nginx = await startNginx(ports);
  const chair = await joined(nginx.url, await redeem(nginx.url, assembly.chair.token));
  const members = [];
  for (const voter of assembly.voters)
    members.push({ phone: await joined(nginx.url, await redeem(nginx.url, voter.token)), personId: voter.personId, name: voter.name });
  hall = { meetingId: assembly.meetingId, chair, members, present: assembly.voters.length };
  for (const transports of [["websocket"], ["polling"]] as ("websocket" | "polling")[][]) {
    const p = await joined(nginx.url, undefined, transports);
    observers.push({ phone: p, watcher: watch(p.socket) });
  }
}, 180_000);

afterAll(async () => {
  for (const p of [hall?.chair, ...(hall?.members.map((m) => m.phone) ?? []), ...observers.map((o) => o.phone)]) p?.close();
  await nginx?.stop();
  for (const node of nodes) await node?.cleanup();
  await database?.drop().catch(() => undefined);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe(`nginx in front of ${mode}`, () => {
  it("serves pages, logins and the live meeting over WebSocket and long-polling", async () => {
    // A public meeting's live page, as an observer opens it from the projector's QR code.
    const page = await fetch(`${nginx.url}/meetings/${assembly.meetingId}/live`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("会议现场");
    const csrf = await fetch(`${nginx.url}/api/auth/csrf`);
    expect(((await csrf.json()) as { csrfToken?: string }).csrfToken).toBeTruthy();
    expect(observers[1]?.phone.socket.io.engine.transport.name).toBe("polling");
    await runLiveScenario(
      hall,
      observers.map((o) => o.watcher),
    );
  }, 60_000);

  it(services
    ? "loses a node: its clients reconnect to the other within 5 s and carry on"
    : "restarts the node: its clients reconnect within 5 s and carry on", async () => {
    const meetingId = assembly.meetingId;
    const opened = await hall.chair.call<{ result: { motionId: string } }>("vote:open", {
      meetingId,
      text: "年度收益分配方案",
      method: "named",
      matterKind: "general",
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const motionId = opened.data.result.motionId;
    const phones = [hall.chair, ...hall.members.map((m) => m.phone), ...observers.map((o) => o.phone)];
    // Half the members vote before the node goes.
    const before = await Promise.all(
      hall.members.slice(0, 4).map((m) => castWithRetries(m.phone, { meetingId, motionId, choice: "yes" }, { deadline: Date.now() + 20_000 })),
    );
    expect(before.every((v) => v.outcome === "acked")).toBe(true);

    const lost: { phone: Phone; at: number; back?: number }[] = [];
    for (const p of phones) p.socket.once("disconnect", () => lost.push({ phone: p, at: Date.now() }));
    await nodes[0]?.kill();
    const killedAt = Date.now();
    let readyAt = killedAt;
    if (!services) {
      nodes[0] = await startAt(0);
      readyAt = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lost.length).toBeGreaterThan(0);
    if (services) expect(lost.length).toBeLessThan(phones.length);
    await Promise.all(
      lost.map(async (entry) => {
        if (!entry.phone.socket.connected) await new Promise<void>((resolve) => entry.phone.socket.once("connect", () => resolve()));
        entry.back = Date.now();
      }),
    );
    for (const entry of lost) expect((entry.back ?? Infinity) - Math.max(entry.at, readyAt)).toBeLessThanOrEqual(5_000);

    // The other half votes after: every vote of both halves counts.
    const after = await Promise.all(
      hall.members.slice(4).map((m) => castWithRetries(m.phone, { meetingId, motionId, choice: "no" }, { deadline: Date.now() + 20_000 })),
    );
    expect(after.every((v) => v.outcome === "acked")).toBe(true);
    const closed = await hall.chair.call<{ result: { result: { tally: { yes: number; no: number; cast: number } } } }>(
      "vote:close",
      { meetingId, motionId },
      20_000,
    );
    if (!closed.ok) throw new Error(closed.error.message);
    expect(closed.data.result.result.tally).toMatchObject({ yes: 4, no: hall.members.length - 4, cast: hall.members.length });
    expect(await hall.chair.call("vote:announce", { meetingId, motionId })).toMatchObject({ ok: true });
    await Promise.all(observers.map((o) => o.watcher.waitFor((s) => s.motion?.id === motionId && s.motion.state === "announced", 10_000)));
    console.log(
      `${mode}: ${lost.length} of ${phones.length} clients lost their node; back within ${Math.max(...lost.map((l) => (l.back ?? 0) - Math.max(l.at, readyAt)))} ms`,
    );
  }, 90_000);
});
