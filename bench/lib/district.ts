/**
 * A district's Saturday evening (issue #24 goal 5): M meetings in session at once across two Yishi nodes on one
 * PostgreSQL and one Redis, each with 30 members on logged-in sockets and 30 anonymous observers (spread over both
 * nodes), each meeting opening, voting on and closing two named votes. Measured:
 *
 * - commit → observers: for every vote, from its commit (the node's `live/castVote` log line, written once the vote's
 *   batch committed) until each observer of its meeting holds a `meeting:state` of that motion counting it (the
 *   k-th vote committed in a meeting needs a state with castCount ≥ k); p99 over votes × observers.
 * - acknowledgement: from a phone sending a vote to its acknowledgement (committed with its audit entry), p99.
 * - lost / duplicated: read from the database afterwards — an acknowledged vote without its row, with another choice
 *   or without its `vote.cast` entry is lost; a second row or entry for a voter and motion is duplicated.
 *
 * The floor (same run): two bare Socket.IO 4.8 processes with the Redis adapter on the same Redis
 * (bench/lib/districtFloorServer.ts), the same rooms and clients spread the same way, the votes sent on the same
 * schedule; each vote is acknowledged at once and broadcast to its room with Yishi's observer payload size; latency
 * from the node's emit to each observer's receipt. The floor broadcasts once per vote; Yishi coalesces a meeting's
 * broadcasts (at most one per 150 ms window), so it sends fewer.
 *
 * Data: built once per size with the real commands (server/faults/assembly.ts) in database
 * `yishi_bench_district_<M>` next to DATABASE_URL's, with the state, the nodes' shared secrets and the members'
 * session cookies kept in $TMPDIR/yishi-bench/district-<M>/. Once the members are logged in, the database is copied
 * to `yishi_bench_district_<M>_start`, and every later run starts from a fresh copy of it: an evening adds two motions
 * to each meeting, and runs on a database that kept them compared observers' states of different sizes.
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { createAssembly, loginSheet, withDatabase } from "../../server/faults/assembly";
import { type Phone, phone, redeemAll } from "../../server/faults/clients";
import { sharedSecrets, startNode } from "../../server/testing/cluster";
import type { TestServer } from "../../server/testing/server";
import type { FromDistrictWorker, PlannedVote, Receipt, SocketSpec, ToDistrictWorker, VoteAck } from "./districtWorker";
import { benchDatabase, copyDatabase } from "./fixture";
import { cpuSeconds, listeningPort, percentile, postgresCpuSeconds, sleep, wallNow } from "./stats";

type Report = (fraction: number, detail: string) => void;

export type DistrictResult = {
  meetings: number;
  members: number;
  observers: number;
  p99_ms: number;
  floor_p99_ms: number;
  ack_p99_ms: number;
  lost: number;
  duplicated: number;
  /** Extras for the table's footnotes. */
  p50_ms: number;
  floor_p50_ms: number;
  floor_ack_p99_ms: number;
  votes: number;
  missing_deliveries: number;
  floor_missing_deliveries: number;
  states_per_observer: number;
  floor_states_per_observer: number;
  payload_bytes: number;
  refused: Record<string, number>;
  /** CPU seconds during the rounds: Yishi's nodes, PostgreSQL, the simulated phones; the floor's nodes and phones. */
  cpu: EveningCpu;
  floor_cpu: EveningCpu;
};

type MeetingData = { orgId: string; bodyId: string; meetingId: string; chairPersonId: string; voters: { personId: string; accountId: string }[] };
type State = {
  version: 1;
  meetings: MeetingData[];
  secrets: Record<string, string>;
  cookies?: { at: number; chairs: string[]; voters: string[][] };
  /** The `cookies.at` of the sessions in the starting copy: a copy without this run's sessions is made again. */
  startAt?: number;
};

const MEMBERS = 30;
const OBSERVERS = 30;
const COOKIE_MAX_AGE_MS = 10 * 3_600_000;

export function districtServices(): { databaseUrl: string; redisUrl: string } {
  return {
    databaseUrl: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test",
    redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
  };
}

/** Whether PostgreSQL answers; the reason when not. */
export async function databaseProblem(databaseUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return `PostgreSQL at ${new URL(databaseUrl).host} does not answer (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether PostgreSQL and Redis answer; the reason when not. */
export async function servicesProblem(services: { databaseUrl: string; redisUrl: string }): Promise<string | null> {
  const database = await databaseProblem(services.databaseUrl);
  if (database) return database;
  const redis = new Redis(services.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis at ${services.redisUrl} does not answer (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
  return null;
}

/** The district's data: M assemblies of 30 members, each in session with its first item started; built once. */
async function prepare(meetings: number, baseUrl: string, report: Report): Promise<{ dir: string; databaseUrl: string; state: State }> {
  const dir = path.join(tmpdir(), "yishi-bench", `district-${meetings}`);
  mkdirSync(dir, { recursive: true });
  const stateFile = path.join(dir, "district.json");
  const existing = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as State) : null;
  const databaseUrl = await benchDatabase(baseUrl, `yishi_bench_district_${meetings}`, !existing);
  if (existing) return { dir, databaseUrl, state: existing };
  report(0, `building ${meetings} meetings of ${MEMBERS} members (once: ${dir})`);
  const built = await withDatabase({ dataDir: dir, databaseUrl }, async (db) => {
    const list: MeetingData[] = new Array(meetings);
    let next = 0;
    let done = 0;
    // Four at a time: each assembly is a few dozen commands, and PostgreSQL takes them side by side.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < meetings) {
          const i = next;
          next += 1;
          const a = await createAssembly({ voters: MEMBERS, series: 10 + i, title: `成员大会（区县基准 ${i + 1}）` });
          const accounts = await db.prisma.account.findMany({
            where: { personId: { in: a.voters.map((v) => v.personId) } },
            select: { id: true, personId: true },
          });
          const accountOf = new Map(accounts.map((x) => [x.personId, x.id]));
          list[i] = {
            orgId: a.orgId,
            bodyId: a.bodyId,
            meetingId: a.meetingId,
            chairPersonId: a.chair.personId,
            voters: a.voters.map((v) => ({ personId: v.personId, accountId: accountOf.get(v.personId) ?? "" })),
          };
          done += 1;
          report(done / meetings, `built ${done}/${meetings} meetings`);
        }
      }),
    );
    return list;
  });
  const state: State = { version: 1, meetings: built, secrets: sharedSecrets() };
  writeFileSync(stateFile, JSON.stringify(state));
  return { dir, databaseUrl, state };
}

function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

/** Session cookies for every chair and member: kept ones, or fresh login codes redeemed on a node (and kept). */
async function cookiesFor(dir: string, databaseUrl: string, state: State, url: string, report: Report): Promise<NonNullable<State["cookies"]>> {
  const kept = state.cookies;
  if (kept && Date.now() - kept.at < COOKIE_MAX_AGE_MS) return kept;
  const sheets = await withDatabase({ dataDir: dir, databaseUrl }, async () => {
    const out: { chair: string; voters: string[] }[] = [];
    for (const m of state.meetings) {
      const sheet = await loginSheet(m.bodyId);
      out.push({ chair: sheet.get(m.chairPersonId) ?? "", voters: m.voters.map((v) => sheet.get(v.personId) ?? "") });
    }
    return out;
  });
  const chairs: string[] = [];
  const voters: string[][] = [];
  for (const [i, sheet] of sheets.entries()) {
    const [chair = "", ...rest] = await redeemAll(url, [sheet.chair, ...sheet.voters], 8);
    chairs.push(chair);
    voters.push(rest);
    report((i + 1) / sheets.length, `logged in ${i + 1}/${sheets.length} meetings`);
  }
  const cookies = { at: Date.now(), chairs, voters };
  state.cookies = cookies;
  writeFileSync(path.join(dir, "district.json"), JSON.stringify(state));
  return cookies;
}

// ── Client processes ────────────────────────────────────────────────────────────────────────────────────────────

type Waiter = { type: FromDistrictWorker["type"]; resolve: (message: FromDistrictWorker) => void };

class Worker {
  private readonly waiters: Waiter[] = [];
  done = 0;
  constructor(readonly child: ChildProcess) {
    child.on("message", (message: FromDistrictWorker) => {
      if (message.type === "progress") {
        this.done = message.done;
        return;
      }
      const at = this.waiters.findIndex((w) => w.type === message.type);
      if (at >= 0) this.waiters.splice(at, 1)[0]?.resolve(message);
    });
  }
  request<T extends FromDistrictWorker["type"]>(message: ToDistrictWorker, reply: T): Promise<Extract<FromDistrictWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`district client process exited with ${code}`));
      this.child.once("exit", onExit);
      this.waiters.push({
        type: reply,
        resolve: (m) => {
          this.child.off("exit", onExit);
          resolve(m as Extract<FromDistrictWorker, { type: T }>);
        },
      });
      this.child.send(message);
    });
  }
}

async function startWorkers(n: number): Promise<Worker[]> {
  const script = path.join(import.meta.dirname, "districtWorker.ts");
  const workers = Array.from(
    { length: n },
    () => new Worker(fork(script, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] })),
  );
  await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.child.once("message", () => resolve()))));
  return workers;
}

async function stopWorkers(workers: Worker[]): Promise<void> {
  for (const w of workers) if (w.child.exitCode === null) w.child.send({ type: "exit" } satisfies ToDistrictWorker);
  await Promise.all(workers.map((w) => (w.child.exitCode === null ? new Promise((resolve) => w.child.once("exit", resolve)) : null)));
}

/** Where each client lives: which worker and its index there. Members are [meeting][j], observers [meeting][j]. */
type Placement = { worker: number; index: number };
type Layout = { members: Placement[][]; observers: Placement[][] };

/** Connects every meeting's members and observers, alternating nodes and client processes; returns the layout. */
async function connectDistrict(
  workers: Worker[],
  meetings: number,
  spec: (meeting: number, role: "member" | "observer", j: number) => SocketSpec,
  report: Report,
): Promise<{ layout: Layout; failed: number; sample: unknown }> {
  const perWorker: SocketSpec[][] = workers.map(() => []);
  const layout: Layout = { members: [], observers: [] };
  let k = 0;
  for (let m = 0; m < meetings; m += 1) {
    for (const role of ["member", "observer"] as const) {
      const row: Placement[] = [];
      for (let j = 0; j < (role === "member" ? MEMBERS : OBSERVERS); j += 1) {
        const worker = k % workers.length;
        k += 1;
        row.push({ worker, index: (perWorker[worker] as SocketSpec[]).length });
        perWorker[worker]?.push(spec(m, role, j));
      }
      layout[role === "member" ? "members" : "observers"].push(row);
    }
  }
  const total = k;
  for (const w of workers) w.done = 0;
  const timer = setInterval(() => {
    const done = workers.reduce((s, w) => s + w.done, 0);
    report(done / total, `${done}/${total} sockets joined`);
  }, 500);
  try {
    const replies = await Promise.all(workers.map((w, i) => w.request({ type: "connect", sockets: perWorker[i] ?? [], parallel: 15 }, "connected")));
    for (const [i, r] of replies.entries()) if (r.firstIndex !== 0) throw new Error(`client process ${i} was not empty`);
    return { layout, failed: replies.reduce((s, r) => s + r.failed, 0), sample: replies.find((r) => r.sample)?.sample ?? null };
  } finally {
    clearInterval(timer);
  }
}

async function castAll(workers: Worker[], votes: (PlannedVote & { worker: number })[]): Promise<VoteAck[]> {
  const split = workers.map(() => [] as { at: number; vote: PlannedVote }[]);
  votes.forEach((v, at) => split[v.worker]?.push({ at, vote: { socket: v.socket, at: v.at, event: v.event, payload: v.payload } }));
  const replies = await Promise.all(workers.map((w, i) => w.request({ type: "cast", votes: (split[i] ?? []).map((x) => x.vote), attemptMs: 30_000 }, "cast")));
  const acks: VoteAck[] = new Array(votes.length);
  replies.forEach((r, i) => {
    (split[i] ?? []).forEach((x, j) => {
      acks[x.at] = r.acks[j] as VoteAck;
    });
  });
  return acks;
}

async function receiptsOf(workers: Worker[]): Promise<Receipt[][][]> {
  return Promise.all(workers.map(async (w) => (await w.request({ type: "receipts", from: 0, to: Number.MAX_SAFE_INTEGER }, "receipts")).receipts));
}

// ── The evening ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The schedule of one round: each meeting starts at its offset; each member votes a random moment after. */
type Schedule = { offsets: number[]; voteDelays: number[][] };
function schedule(meetings: number): Schedule {
  return {
    offsets: Array.from({ length: meetings }, () => Math.random() * 3_000),
    voteDelays: Array.from({ length: meetings }, () => Array.from({ length: MEMBERS }, () => 500 + Math.random() * 4_000)),
  };
}

/** Commit time of each account's votes: the node's log lines for live/castVote (written after the batch commits). */
function commitLines(outputs: string[]): Map<string, number[]> {
  const byActor = new Map<string, number[]>();
  for (const output of outputs) {
    for (const line of output.split("\n")) {
      if (!line.startsWith("{") || !line.includes('"command":"live/castVote"')) continue;
      try {
        const entry = JSON.parse(line) as { time?: string; actorId?: string; outcome?: string };
        if (!entry.time || !entry.actorId || entry.outcome !== "ok") continue;
        const list = byActor.get(entry.actorId) ?? [];
        list.push(Date.parse(entry.time));
        byActor.set(entry.actorId, list);
      } catch {
        // Not a log line.
      }
    }
  }
  return byActor;
}

async function clearOpenVote(chair: Phone, meetingId: string): Promise<void> {
  const joined = await chair.call<{ view: { motion: { id: string; state: string } | null } }>("meeting:join", { meetingId });
  if (!joined.ok) throw new Error(`chair join: ${joined.error.code}`);
  const left = joined.data.view.motion;
  if (left && (left.state === "open" || left.state === "closed")) {
    await chair.call("vote:close", { meetingId, motionId: left.id });
    await chair.call("vote:announce", { meetingId, motionId: left.id });
  }
}

async function yishiEvening(options: {
  meetings: number;
  rounds: number;
  processes: number;
  services: { databaseUrl: string; redisUrl: string };
  schedules: Schedule[];
  report: Report;
}): Promise<{
  latencies: number[];
  acks: number[];
  missing: number;
  lost: number;
  duplicated: number;
  votes: number;
  states: number;
  payloadBytes: number;
  refused: Record<string, number>;
  cpu: EveningCpu;
}> {
  const { meetings, report } = options;
  const data = await prepare(meetings, options.services.databaseUrl, (f, d) => report(0.3 * f, d));
  const working = databaseName(data.databaseUrl);
  const start = `${working}_start`;
  if (data.state.startAt !== undefined) {
    report(0.3, "the meetings as they were before the first evening (a copy of the starting database)");
    await copyDatabase(options.services.databaseUrl, start, working);
  }
  const env = { YISHI_LOG_LEVEL: "info", YISHI_MAX_CONNECTIONS_PER_IP: "100000" };
  const nodes: TestServer[] = [];
  const chairs: Phone[] = [];
  let workers: Worker[] = [];
  const startNodes = async () => {
    for (let n = 0; n < 2; n += 1) {
      nodes.push(await startNode({ databaseUrl: data.databaseUrl, redisUrl: options.services.redisUrl, secrets: data.state.secrets, env }));
    }
  };
  try {
    await startNodes();
    const cookies = await cookiesFor(data.dir, data.databaseUrl, data.state, nodes[0]?.url ?? "", (f, d) => report(0.3 + 0.1 * f, d));
    if (data.state.startAt !== cookies.at) {
      // New sessions: the starting copy is made now, with them, before any evening on this data.
      for (const n of nodes.splice(0)) await n.stop();
      await copyDatabase(options.services.databaseUrl, working, start);
      data.state.startAt = cookies.at;
      writeFileSync(path.join(data.dir, "district.json"), JSON.stringify(data.state));
      await startNodes();
    }
    const urls = nodes.map((n) => n.url);
    for (let m = 0; m < meetings; m += 1) {
      const chair = await phone(urls[m % 2] ?? "", cookies.chairs[m]);
      chairs.push(chair);
      await clearOpenVote(chair, data.state.meetings[m]?.meetingId ?? "");
    }
    workers = await startWorkers(options.processes);
    const connected = await connectDistrict(
      workers,
      meetings,
      (m, role, j) => ({
        url: urls[(m + j) % 2] ?? "",
        cookie: role === "member" ? (cookies.voters[m]?.[j] ?? null) : null,
        meetingId: data.state.meetings[m]?.meetingId ?? null,
        room: null,
      }),
      (f, d) => report(0.4 + 0.3 * f, d),
    );
    if (connected.failed > 0) throw new Error(`${connected.failed} district sockets could not join`);
    const payloadBytes = Buffer.byteLength(JSON.stringify(connected.sample ?? {}));

    const choices = ["yes", "no", "abstain"] as const;
    const rounds: {
      motionIds: string[];
      votes: { meeting: number; accountId: string; voter: string; choice: string; planned: PlannedVote & { worker: number } }[];
      acks: VoteAck[];
      from: number;
      to: number;
    }[] = [];
    const cpuMeter = await startCpuMeter(
      nodes.map((n) => n.process.pid),
      workers,
      true,
    );
    for (let r = 0; r < options.rounds; r += 1) {
      const plan = options.schedules[r] as Schedule;
      const from = wallNow();
      const motionIds = await Promise.all(
        chairs.map(async (chair, m) => {
          await sleep(plan.offsets[m] ?? 0);
          const opened = await chair.call<{ result: { motionId: string } }>(
            "vote:open",
            { meetingId: data.state.meetings[m]?.meetingId, text: `区县基准表决 第${r + 1}项`, method: "named", matterKind: "general" },
            60_000,
          );
          if (!opened.ok) throw new Error(`vote:open: ${opened.error.code} ${opened.error.message}`);
          return opened.data.result.motionId;
        }),
      );
      const start = wallNow() + 300;
      const votes = data.state.meetings.flatMap((meeting, m) =>
        meeting.voters.slice(0, MEMBERS).map((voter, j) => {
          const place = connected.layout.members[m]?.[j] as Placement;
          const choice = choices[(m + j + r) % 3] as string;
          return {
            meeting: m,
            accountId: voter.accountId,
            voter: voter.personId,
            choice,
            planned: {
              worker: place.worker,
              socket: place.index,
              at: start + (plan.offsets[m] ?? 0) + (plan.voteDelays[m]?.[j] ?? 0),
              event: "vote:cast",
              payload: { meetingId: meeting.meetingId, motionId: motionIds[m], choice, clientId: randomUUID() },
            },
          };
        }),
      );
      report(0.7 + (0.25 * r) / options.rounds, `round ${r + 1}: ${votes.length} votes in ${meetings} meetings`);
      const acks = await castAll(
        workers,
        votes.map((v) => v.planned),
      );
      await sleep(2_000);
      await Promise.all(
        chairs.map(async (chair, m) => {
          const meetingId = data.state.meetings[m]?.meetingId;
          const closed = await chair.call("vote:close", { meetingId, motionId: motionIds[m] }, 60_000);
          if (!closed.ok) throw new Error(`vote:close: ${closed.error.code}`);
          await chair.call("vote:announce", { meetingId, motionId: motionIds[m] }, 60_000);
        }),
      );
      rounds.push({ motionIds, votes, acks, from, to: wallNow() });
      await sleep(1_000);
    }

    const cpu = await cpuMeter();
    // Commit → observers.
    const byActor = commitLines(nodes.map((n) => n.output()));
    const receipts = await receiptsOf(workers);
    const latencies: number[] = [];
    let missing = 0;
    let states = 0;
    for (const round of rounds) {
      for (let m = 0; m < meetings; m += 1) {
        const motionId = round.motionIds[m] ?? "";
        const commits = round.votes
          .map((v, i) => ({ v, ack: round.acks[i] }))
          .filter(({ v, ack }) => v.meeting === m && ack?.ok)
          .map(({ v, ack }) => (byActor.get(v.accountId) ?? []).find((t) => t >= round.from - 5 && t <= round.to) ?? (ack as VoteAck).at)
          .sort((a, b) => a - b);
        for (const place of connected.layout.observers[m] ?? []) {
          const list = (receipts[place.worker]?.[place.index] ?? []).filter((x) => x[0] === motionId);
          states += list.length;
          commits.forEach((committed, k) => {
            const hit = list.find((x) => x[1] >= k + 1);
            if (hit) latencies.push(hit[2] - committed);
            else missing += 1;
          });
        }
      }
    }
    const allVotes = rounds.flatMap((round) => round.votes.map((v, i) => ({ v, ack: round.acks[i] as VoteAck, motionId: round.motionIds[v.meeting] ?? "" })));
    const refused: Record<string, number> = {};
    for (const { ack } of allVotes) if (!ack.ok) refused[ack.code ?? "?"] = (refused[ack.code ?? "?"] ?? 0) + 1;
    const checked = await checkVotes(
      data.databaseUrl,
      allVotes.map(({ v, ack, motionId }) => ({ motionId, voter: v.voter, choice: v.choice, acked: ack.ok })),
      data.state.meetings.map((m) => m.meetingId),
      rounds[0]?.from ?? 0,
    );
    return {
      latencies,
      acks: allVotes.filter(({ ack }) => ack.ok).map(({ ack }) => ack.at - ack.sent),
      missing,
      lost: checked.lost,
      duplicated: checked.duplicated,
      votes: allVotes.length,
      states: states / Math.max(1, meetings * OBSERVERS * rounds.length),
      payloadBytes,
      refused,
      cpu,
    };
  } finally {
    for (const c of chairs) c.close();
    if (workers.length > 0) {
      await Promise.all(workers.map((w) => w.request({ type: "disconnect" }, "disconnected").catch(() => undefined)));
      await stopWorkers(workers);
    }
    for (const n of nodes) await n.stop();
  }
}

/** Lost: acknowledged without its row, with another choice, or without its vote.cast entry. Duplicated: any second. */
async function checkVotes(
  databaseUrl: string,
  votes: { motionId: string; voter: string; choice: string; acked: boolean }[],
  meetingIds: string[],
  since: number,
): Promise<{ lost: number; duplicated: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const motionIds = [...new Set(votes.map((v) => v.motionId))];
    const rows = (
      await client.query<{ motionId: string; voterPersonId: string; choice: string }>(
        `SELECT "motionId", "voterPersonId", choice FROM "VoteRecord" WHERE "motionId" = ANY($1)`,
        [motionIds],
      )
    ).rows;
    const entries = (
      await client.query<{ bytes: string }>(
        `SELECT bytes FROM "AuditEntry" WHERE action = 'vote.cast' AND "meetingId" = ANY($1) AND ts >= $2::timestamptz AT TIME ZONE 'UTC'`,
        [meetingIds, new Date(since - 60_000).toISOString()],
      )
    ).rows;
    const rowCount = new Map<string, number>();
    const choiceOf = new Map<string, string>();
    for (const r of rows) {
      const key = `${r.motionId}|${r.voterPersonId}`;
      rowCount.set(key, (rowCount.get(key) ?? 0) + 1);
      choiceOf.set(key, r.choice);
    }
    const entryCount = new Map<string, number>();
    for (const { bytes } of entries) {
      const e = JSON.parse(bytes) as { object: { id: string }; data: { voterPersonId: string } };
      const key = `${e.object.id}|${e.data.voterPersonId}`;
      entryCount.set(key, (entryCount.get(key) ?? 0) + 1);
    }
    let lost = 0;
    for (const v of votes) {
      const key = `${v.motionId}|${v.voter}`;
      if (v.acked && (choiceOf.get(key) !== v.choice || (entryCount.get(key) ?? 0) === 0)) lost += 1;
    }
    let duplicated = 0;
    for (const n of [...rowCount.values(), ...entryCount.values()]) duplicated += Math.max(0, n - 1);
    return { lost, duplicated };
  } finally {
    await client.end();
  }
}

async function startFloorNode(redisUrl: string, key: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(import.meta.dirname, "districtFloorServer.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, REDIS_URL: redisUrl, FLOOR_KEY: key },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const { port } = await listeningPort(child, "FLOOR_LISTENING", "floor node");
  return { child, url: `http://127.0.0.1:${port}` };
}

/** CPU seconds used during an evening's rounds: the two nodes, PostgreSQL (NaN on the floor: none), the phones. */
type EveningCpu = { nodes_s: number; postgres_s: number; clients_s: number; wall_s: number };
type CpuMark = { nodes: number; postgres: number; clients: number; at: number };

/** Reads the CPU used so far; the function it returns reads again and gives what was used in between. */
async function startCpuMeter(nodePids: (number | undefined)[], workers: Worker[], withPostgres: boolean): Promise<() => Promise<EveningCpu>> {
  const sum = async (pids: (number | undefined)[]) => (await Promise.all(pids.map((pid) => (pid ? cpuSeconds(pid) : Number.NaN)))).reduce((a, b) => a + b, 0);
  const mark = async (): Promise<CpuMark> => ({
    nodes: await sum(nodePids),
    postgres: withPostgres ? await postgresCpuSeconds() : Number.NaN,
    clients: await sum(workers.map((w) => w.child.pid)),
    at: wallNow(),
  });
  const before = await mark();
  return async () => {
    const after = await mark();
    return {
      nodes_s: after.nodes - before.nodes,
      postgres_s: after.postgres - before.postgres,
      clients_s: after.clients - before.clients,
      wall_s: (after.at - before.at) / 1_000,
    };
  };
}

async function floorEvening(options: {
  meetings: number;
  rounds: number;
  processes: number;
  redisUrl: string;
  schedules: Schedule[];
  payloadBytes: number;
  report: Report;
}): Promise<{ latencies: number[]; acks: number[]; missing: number; states: number; cpu: EveningCpu }> {
  const { meetings } = options;
  const key = randomUUID().slice(0, 8);
  const nodes = [await startFloorNode(options.redisUrl, key), await startFloorNode(options.redisUrl, key)];
  let workers: Worker[] = [];
  try {
    workers = await startWorkers(options.processes);
    const connected = await connectDistrict(
      workers,
      meetings,
      (m, _role, j) => ({ url: nodes[(m + j) % 2]?.url ?? "", cookie: null, meetingId: null, room: `m${m}` }),
      (f, d) => options.report(0.5 * f, `floor: ${d}`),
    );
    if (connected.failed > 0) throw new Error(`${connected.failed} floor sockets could not connect`);
    await sleep(1_000);
    const acks: number[] = [];
    let expected = 0;
    const cpuMeter = await startCpuMeter(
      nodes.map((n) => n.child.pid),
      workers,
      false,
    );
    for (let r = 0; r < options.rounds; r += 1) {
      const plan = options.schedules[r] as Schedule;
      const start = wallNow() + 300;
      const votes = Array.from({ length: meetings }, (_, m) =>
        Array.from({ length: MEMBERS }, (_, j) => {
          const place = connected.layout.members[m]?.[j] as Placement;
          return {
            worker: place.worker,
            socket: place.index,
            at: start + (plan.offsets[m] ?? 0) + (plan.voteDelays[m]?.[j] ?? 0),
            event: "vote",
            payload: { key: `m${m}-r${r}`, count: j + 1, bytes: options.payloadBytes },
          };
        }),
      ).flat();
      options.report(0.5 + (0.5 * r) / options.rounds, `floor: round ${r + 1}`);
      const replies = await castAll(workers, votes);
      for (const a of replies) if (a.ok) acks.push(a.at - a.sent);
      expected += replies.filter((a) => a.ok).length;
      await sleep(2_000);
    }
    const cpu = await cpuMeter();
    const receipts = await receiptsOf(workers);
    const latencies: number[] = [];
    let missing = 0;
    let states = 0;
    for (let m = 0; m < meetings; m += 1) {
      for (const place of connected.layout.observers[m] ?? []) {
        const list = receipts[place.worker]?.[place.index] ?? [];
        states += list.length;
        for (const x of list) latencies.push(x[2] - x[3]);
        // Each observer receives every vote of its room.
        missing += Math.max(0, expected / meetings - list.length);
      }
    }
    return { latencies, acks, missing, states: states / Math.max(1, meetings * OBSERVERS * options.rounds), cpu };
  } finally {
    if (workers.length > 0) {
      await Promise.all(workers.map((w) => w.request({ type: "disconnect" }, "disconnected").catch(() => undefined)));
      await stopWorkers(workers);
    }
    for (const n of nodes) n.child.kill("SIGTERM");
  }
}

/** The whole scenario: Yishi's evening, then the floor's on the same schedule. */
export async function district(options: { meetings: number; processes: number; onProgress: Report }): Promise<DistrictResult> {
  const services = districtServices();
  const rounds = 2;
  const schedules = Array.from({ length: rounds }, () => schedule(options.meetings));
  const yishi = await yishiEvening({ ...options, rounds, services, schedules, report: (f, d) => options.onProgress(0.75 * f, d) });
  const floor = await floorEvening({
    meetings: options.meetings,
    rounds,
    processes: options.processes,
    redisUrl: services.redisUrl,
    schedules,
    payloadBytes: yishi.payloadBytes,
    report: (f, d) => options.onProgress(0.75 + 0.25 * f, d),
  });
  return {
    meetings: options.meetings,
    members: MEMBERS,
    observers: OBSERVERS,
    p99_ms: percentile(yishi.latencies, 99),
    floor_p99_ms: percentile(floor.latencies, 99),
    ack_p99_ms: percentile(yishi.acks, 99),
    lost: yishi.lost,
    duplicated: yishi.duplicated,
    p50_ms: percentile(yishi.latencies, 50),
    floor_p50_ms: percentile(floor.latencies, 50),
    floor_ack_p99_ms: percentile(floor.acks, 99),
    votes: yishi.votes,
    missing_deliveries: yishi.missing,
    floor_missing_deliveries: floor.missing,
    states_per_observer: yishi.states,
    floor_states_per_observer: floor.states,
    payload_bytes: yishi.payloadBytes,
    refused: yishi.refused,
    cpu: yishi.cpu,
    floor_cpu: floor.cpu,
  };
}
