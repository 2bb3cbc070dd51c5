/**
 * Restart to ready and idle memory (issue #24): the time from spawning a server process to its /api/health answering
 * 200 AND a phone's `meeting:join` answered, for Yishi (what `npm start` runs, on a data directory that already has
 * its build, its database and the demo) and for the minimal server on the same stack (bench/lib/minimalServer.ts).
 * After each start the process idles a few seconds and its resident memory is read from /proc.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { io } from "socket.io-client";
import { createAssembly, type DbTarget, withDatabase } from "../../server/faults/assembly";
import { benchDatabase } from "./fixture";
import { minimalServerDir } from "./minimalServer";
import { percentile } from "./stats";

const median = (values: number[]) => percentile(values, 50);

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Start = { health_ms: number; join_ms: number; ready_ms: number; rss_idle_mb: number };

export type Target = { command: string[]; cwd: string; env: Record<string, string>; meetingId: string };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
}

async function healthy(url: string, deadline: number): Promise<number> {
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${url}/api/health did not answer 200 in time`);
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return performance.now();
    await sleep(10);
  }
}

async function joined(url: string, meetingId: string, deadline: number): Promise<number> {
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${url}: no meeting:join answered in time`);
    const answered = await new Promise<boolean>((resolve) => {
      const socket = io(url, { transports: ["websocket"], reconnection: false, timeout: 2_000 });
      const done = (ok: boolean) => {
        socket.close();
        resolve(ok);
      };
      socket.once("connect_error", () => done(false));
      socket.once("connect", () => {
        socket
          .timeout(5_000)
          .emitWithAck("meeting:join", { meetingId, view: "public" })
          .then((reply: { ok?: boolean }) => done(reply?.ok === true))
          .catch(() => done(false));
      });
    });
    if (answered) return performance.now();
    await sleep(10);
  }
}

/** One start: spawn, wait for health and a join (both polled from the first millisecond), idle, read RSS, stop. */
export async function timeStart(target: Target, idleMs: number): Promise<Start> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [command = process.execPath, ...args] = target.command;
  const t0 = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: target.cwd,
    env: { ...process.env, ...target.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const deadline = Date.now() + 180_000;
    const died = exited.then(() => {
      throw new Error(`server exited while starting:\n${stderr.slice(-2_000)}`);
    });
    const [health, join] = await Promise.race([Promise.all([healthy(url, deadline), joined(url, target.meetingId, deadline)]), died]);
    await sleep(idleMs);
    const rss = rssMb(child.pid ?? 0);
    return { health_ms: health - t0, join_ms: join - t0, ready_ms: Math.max(health, join) - t0, rss_idle_mb: rss };
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  }
}

export type Series = { ready_ms: number; health_ms: number; join_ms: number; rss_idle_mb: number; runs: number[] };

/** What `npm start` runs (package.json), without npm's own start-up. */
export function yishiStartCommand(): string[] {
  const script = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
  if (script.startsWith("node ")) return [process.execPath, ...script.slice(5).split(" ")];
  if (script.startsWith("tsx ")) return [process.execPath, "--import", "tsx", ...script.slice(4).split(" ")];
  throw new Error(`unexpected start script: ${script}`);
}

/**
 * `postgres`: the same starts on PostgreSQL (when one answers): the app without its embedded database, whose opening
 * and WebAssembly memory are most of what PGlite adds; the PostgreSQL server's own memory is not counted.
 */
export type RestartResult = { yishi: Series; minimal: Series; postgres: Series | null; command: string; load: number };

/**
 * The data for Yishi's starts (made once and kept): a public 15-member meeting in session (the phone joins it) and the
 * demo, seeded by a first start that is not measured. PGlite in `$TMPDIR/yishi-bench/restart`; with `baseUrl`, on
 * PostgreSQL in database `yishi_bench_restart` next to it (state in `…/restart-postgres`). Returns the start's env.
 */
async function restartData(baseUrl?: string): Promise<{ env: Record<string, string>; meetingId: string }> {
  const dataDir = path.join(tmpdir(), "yishi-bench", baseUrl ? "restart-postgres" : "restart");
  const stateFile = path.join(dataDir, "restart.json");
  const kept = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as { meetingId: string }) : null;
  if (!kept) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
  }
  const databaseUrl = baseUrl ? await benchDatabase(baseUrl, "yishi_bench_restart", !kept) : undefined;
  // The local PostgreSQL's only role is a superuser; the bench measures the start, not the role's confinement.
  const env: Record<string, string> = {
    YISHI_DATA_DIR: dataDir,
    YISHI_DEMO: "1",
    DATABASE_URL: databaseUrl ?? "",
    REDIS_URL: "",
    ...(databaseUrl ? { YISHI_ALLOW_SUPERUSER: "1" } : {}),
  };
  if (kept) return { env, meetingId: kept.meetingId };
  const target: DbTarget = { dataDir, databaseUrl };
  const meetingId = await withDatabase(
    target,
    async () => (await createAssembly({ voters: 15, series: 1, title: "村民代表会议（重启基准，公开）" })).meetingId,
  );
  await timeStart({ command: yishiStartCommand(), cwd: ROOT, env, meetingId }, 0);
  writeFileSync(stateFile, JSON.stringify({ meetingId }));
  return { env, meetingId };
}

/**
 * Yishi's restarts (PGlite, demo on) against the minimal server's, alternating so that all see the same load; with
 * `postgresUrl`, Yishi's starts on PostgreSQL in the same rounds.
 */
export async function restartBench(
  runs: number,
  idleMs: number,
  onProgress: (fraction: number, detail: string) => void,
  postgresUrl?: string,
): Promise<RestartResult> {
  onProgress(0, "building the minimal Next app (once)");
  const minimalDir = minimalServerDir();
  onProgress(0.1, "preparing the restart data (once)");
  const onPglite = await restartData();
  const onPostgres = postgresUrl ? await restartData(postgresUrl) : null;
  const command = yishiStartCommand();
  const yishi: Start[] = [];
  const minimal: Start[] = [];
  const postgres: Start[] = [];
  for (let i = 0; i < runs; i++) {
    minimal.push(await timeStart({ command: [process.execPath, "server.mjs"], cwd: minimalDir, env: {}, meetingId: onPglite.meetingId }, idleMs));
    yishi.push(await timeStart({ command, cwd: ROOT, env: onPglite.env, meetingId: onPglite.meetingId }, idleMs));
    if (onPostgres) postgres.push(await timeStart({ command, cwd: ROOT, env: onPostgres.env, meetingId: onPostgres.meetingId }, idleMs));
    onProgress(0.2 + (0.8 * (i + 1)) / runs, `restart ${i + 1}/${runs}`);
  }
  return {
    yishi: series(yishi),
    minimal: series(minimal),
    postgres: onPostgres ? series(postgres) : null,
    command: `node ${command.slice(1).join(" ")}`,
    load: loadavg()[0] ?? Number.NaN,
  };
}

function series(all: Start[]): Series {
  return {
    ready_ms: median(all.map((s) => s.ready_ms)),
    health_ms: median(all.map((s) => s.health_ms)),
    join_ms: median(all.map((s) => s.join_ms)),
    rss_idle_mb: median(all.map((s) => s.rss_idle_mb)),
    runs: all.map((s) => Math.round(s.ready_ms)),
  };
}
