/**
 * Redis down for 10 s (a private redis-server, so the shared one is not disturbed). Each node keeps serving its own
 * clients — commands acknowledged, their broadcasts delivered locally — and never crashes on the adapter's errors;
 * once Redis is back, broadcasts cross between nodes again. With PostgreSQL (DATABASE_URL): two Yishi nodes. On the
 * PGlite run: the one Yishi node, and a bare Socket.IO node on the same Redis as the other side.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { roomOf } from "../realtime/meetingBroadcast";
import { sharedSecrets, startNode } from "../testing/cluster";
import type { TestServer } from "../testing/server";
import { type Assembly, createAssembly, withDatabase } from "./assembly";
import { type Phone, phone, redeem, type Watcher, watch } from "./clients";
import { privateRedis, type Service } from "./services";

const OUTAGE_MS = 10_000;
const pg = process.env.DATABASE_URL;
const cleanups: (() => unknown)[] = [];
let redis: Service;
let assembly: Assembly;
let nodes: TestServer[] = [];
/** Per side: the chair or a member who acts there, and an observer who watches there. */
const sides: { actor: Phone; personId: string | null; watcher: Watcher; node: TestServer | null }[] = [];

async function joinedPhone(url: string, cookie?: string): Promise<Phone> {
  const p = await phone(url, cookie);
  cleanups.push(() => p.close());
  expect(await p.call("meeting:join", { meetingId: assembly.meetingId })).toMatchObject({ ok: true });
  return p;
}

/** A bare Socket.IO node on the same Redis, its client in the meeting's public room. */
async function peerWatcher(): Promise<Watcher> {
  const pub = new Redis(redis.url, { maxRetriesPerRequest: 2 });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on("error", () => undefined);
  const http = createServer();
  const io = new Server(http, { adapter: createAdapter(pub, sub) });
  io.on("connection", (socket) => void socket.join(roomOf(assembly.meetingId, "public")));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () => pub.disconnect(),
    () => sub.disconnect(),
    () => io.close(),
  );
  const address = http.address();
  const client = await phone(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
  cleanups.push(() => client.close());
  return watch(client.socket);
}

beforeAll(async () => {
  redis = await privateRedis();
  cleanups.push(() => redis.cleanup());
  const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-redis-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const database = pg ? await createFreshDatabase(pg, "yishi_redis") : undefined;
  if (database) cleanups.push(() => database.drop());
  assembly = await withDatabase({ dataDir, databaseUrl: database?.url }, () => createAssembly({ voters: 4 }));
  const secrets = sharedSecrets();
  const dirs = pg ? ["a", "b"].map((n) => mkdtempSync(path.join(tmpdir(), `yishi-redis-${n}-`))) : [dataDir];
  for (const dir of dirs) if (dir !== dataDir) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  nodes = await Promise.all(dirs.map((dir) => startNode({ databaseUrl: database?.url, dataDir: dir, redisUrl: redis.url, secrets })));
  for (const node of nodes) cleanups.push(() => node.cleanup());
  const [a, b] = nodes as [TestServer, TestServer | undefined];
  const chair = await joinedPhone(a.url, await redeem(a.url, assembly.chair.token));
  sides.push({ actor: chair, personId: null, watcher: watch((await joinedPhone(a.url)).socket), node: a });
  const member = assembly.voters[0] as Assembly["voters"][number];
  if (b) {
    const memberPhone = await joinedPhone(b.url, await redeem(a.url, member.token));
    sides.push({ actor: memberPhone, personId: member.personId, watcher: watch((await joinedPhone(b.url)).socket), node: b });
  } else {
    // The member's phone is on the Yishi node too; the watcher of the other side is the bare peer's client.
    const memberPhone = await joinedPhone(a.url, await redeem(a.url, member.token));
    sides.push({ actor: memberPhone, personId: member.personId, watcher: await peerWatcher(), node: null });
  }
}, 180_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
});

/** One state change on a side: the chair toggles a member online/in person; a member asks for and withdraws the floor. */
const toggles = new Map<Phone, number>();
async function act(side: (typeof sides)[number]): Promise<number> {
  const toggle = (toggles.get(side.actor) ?? 0) + 1;
  toggles.set(side.actor, toggle);
  const reply = side.personId
    ? await side.actor.call<{ result: { version: number } }>("meeting:floor", { meetingId: assembly.meetingId, withdraw: toggle % 2 === 0 })
    : await side.actor.call<{ result: { version: number } }>("meeting:attendance", {
        meetingId: assembly.meetingId,
        personId: assembly.voters[1]?.personId,
        status: toggle % 2 ? "present_online" : "present_in_person",
      });
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.data.result.version;
}

describe(`Redis down for ${OUTAGE_MS / 1000} s (${pg ? "two nodes, PostgreSQL" : "one PGlite node and a bare peer node"})`, () => {
  it("keeps every node serving its own clients, never crashes, and crosses nodes again once Redis is back", async () => {
    const [here, there] = sides as [(typeof sides)[number], (typeof sides)[number]];
    // Before: a change made on one side reaches the other side's watcher.
    const v0 = await act(here);
    await there.watcher.waitFor((s) => s.version >= v0);

    await redis.stop("SIGKILL");
    const downAt = Date.now();
    let rounds = 0;
    while (Date.now() - downAt < OUTAGE_MS) {
      // Each node acknowledges commands and its own clients see the result (on PGlite both actors are on the one
      // Yishi node, whose own observer must see both).
      for (const side of sides) {
        const version = await act(side);
        await (pg ? side.watcher : here.watcher).waitFor((s) => s.version >= version, 5_000);
      }
      rounds += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const node of nodes) expect(node.process.exitCode).toBeNull();

    await redis.start();
    // After: cross-node delivery resumes (ioredis reconnects and resubscribes).
    const backAt = Date.now();
    let crossed = false;
    while (!crossed && Date.now() - backAt < 20_000) {
      const version = await act(here);
      crossed = await there.watcher
        .waitFor((s) => s.version >= version, 1_000)
        .then(
          () => true,
          () => false,
        );
    }
    expect(crossed).toBe(true);
    if (pg) {
      const version = await act(there);
      await here.watcher.waitFor((s) => s.version >= version, 10_000);
    }
    for (const node of nodes) {
      expect(node.process.exitCode).toBeNull();
      // The adapter's failed publishes were handled, not left as unhandled rejections.
      expect(node.output()).not.toContain("unhandledRejection");
    }
    console.log(`redis down: ${rounds} rounds served while down; crossing again ${Date.now() - backAt} ms after Redis was back`);
  }, 90_000);
});
