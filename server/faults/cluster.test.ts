/**
 * Several nodes. With PostgreSQL + Redis (DATABASE_URL and REDIS_URL): two Yishi nodes on one database and one Redis,
 * the chair and half the members on one node, the other half and observers on the other; attendance, speakers,
 * votes and tallies reach everyone. On the PGlite run (one process owns the database, so one Yishi node) the node
 * runs with the Redis adapter on a private redis-server, and a second, bare Socket.IO node on the same Redis must
 * receive the meeting's broadcasts: what the other nodes of a deployment rely on.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { afterAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { roomOf } from "../realtime/meetingBroadcast";
import { clusterServices, sharedSecrets, startNode } from "../testing/cluster";
import type { TestServer } from "../testing/server";
import { createAssembly, withDatabase } from "./assembly";
import { type Phone, phone, redeem, watch } from "./clients";
import { runLiveScenario } from "./liveScenario";
import { privateRedis, type Service } from "./services";

const services = clusterServices();
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
});

const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `yishi-${name}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

async function hallOn(nodes: TestServer[], assembly: Awaited<ReturnType<typeof createAssembly>>) {
  const login = nodes[0] as TestServer;
  const chair = await phone(login.url, await redeem(login.url, assembly.chair.token));
  cleanups.push(() => chair.close());
  const members = [];
  for (const [i, voter] of assembly.voters.entries()) {
    // Alternate nodes: half the hall on each.
    const node = nodes[i % nodes.length] as TestServer;
    const member = await phone(node.url, await redeem(login.url, voter.token));
    cleanups.push(() => member.close());
    members.push({ phone: member, personId: voter.personId, name: voter.name });
  }
  for (const p of [chair, ...members.map((m) => m.phone)]) expect(await p.call("meeting:join", { meetingId: assembly.meetingId })).toMatchObject({ ok: true });
  return { meetingId: assembly.meetingId, chair, members, present: assembly.voters.length };
}

async function observer(url: string, meetingId: string): Promise<{ phone: Phone; watcher: ReturnType<typeof watch> }> {
  const p = await phone(url);
  cleanups.push(() => p.close());
  const watcher = watch(p.socket);
  expect(await p.call("meeting:join", { meetingId })).toMatchObject({ ok: true });
  return { phone: p, watcher };
}

async function twoNodes({ databaseUrl, redisUrl }: { databaseUrl: string; redisUrl: string }): Promise<void> {
  const database = await createFreshDatabase(databaseUrl, "yishi_cluster");
  cleanups.push(() => database.drop());
  const assembly = await withDatabase({ dataDir: tempDir("cluster-setup"), databaseUrl: database.url }, () => createAssembly({ voters: 6 }));
  const secrets = sharedSecrets();
  const nodes = await Promise.all(["a", "b"].map((name) => startNode({ databaseUrl: database.url, dataDir: tempDir(`node-${name}`), redisUrl, secrets })));
  for (const node of nodes) cleanups.push(() => node.cleanup());
  const hall = await hallOn(nodes, assembly);
  const watchers = [await observer((nodes[0] as TestServer).url, hall.meetingId), await observer((nodes[1] as TestServer).url, hall.meetingId)];
  await runLiveScenario(
    hall,
    watchers.map((w) => w.watcher),
  );
}

async function onePgliteNode(): Promise<void> {
  const redis: Service = await privateRedis();
  cleanups.push(() => redis.cleanup());
  const dataDir = tempDir("cluster-pglite");
  const assembly = await withDatabase({ dataDir }, () => createAssembly({ voters: 6 }));
  const node = await startNode({ dataDir, redisUrl: redis.url, secrets: sharedSecrets() });
  cleanups.push(() => node.cleanup());

  // The other node: Socket.IO 4.8 with the same adapter and Redis, its client in the meeting's public room.
  const pub = new Redis(redis.url);
  const sub = pub.duplicate();
  const http: HttpServer = createServer();
  const peer = new Server(http, { adapter: createAdapter(pub, sub) });
  peer.on("connection", (socket) => void socket.join(roomOf(assembly.meetingId, "public")));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  // Cleanups run last-in first: the peer closes before its Redis connections do.
  cleanups.push(() => pub.disconnect());
  cleanups.push(() => sub.disconnect());
  cleanups.push(() => new Promise<void>((resolve) => peer.close(() => resolve())));
  const address = http.address();
  const peerClient = await phone(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
  cleanups.push(() => peerClient.close());
  const remote = watch(peerClient.socket);

  const hall = await hallOn([node], assembly);
  const local = await observer(node.url, hall.meetingId);
  await runLiveScenario(hall, [local.watcher, remote]);
  // The other node saw the same states as this node's own observer.
  expect(remote.states.at(-1)?.version).toBe(local.watcher.states.at(-1)?.version);
}

// Each CI run exercises what it can: two nodes on PostgreSQL + Redis, or one PGlite node and a bare peer node.
describe("several nodes", () => {
  const title = services
    ? "two nodes on one PostgreSQL and one Redis: every step reaches the clients of the other node"
    : "one PGlite node with the Redis adapter: its broadcasts reach the clients of another node on the same Redis";
  it(title, () => (services ? twoNodes(services) : onePgliteNode()), 120_000);
});
