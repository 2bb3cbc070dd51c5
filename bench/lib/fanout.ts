/**
 * Fan-out: N observers joined to a public meeting; the chair marks attendance (a change every phone must show) and
 * we time, for every observer, from the moment the chair's command leaves until that observer holds a
 * `meeting:state` with the new version — the command's transaction, the broadcast and the delivery. The baseline
 * does the same with a bare Socket.IO server broadcasting the same payload to the same number of clients.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { io } from "socket.io-client";
import type { Phone } from "../../server/faults/clients";
import type { ClientPool } from "./clients";
import { inspectorUrl, settledMemory, type Memory } from "./inspector";
import { percentile, rssKb, sleep, wallNow } from "./stats";

export type FanoutResult = {
  observers: number;
  /** From the command's commit (the server's log line of the command) to each observer's receipt. */
  p50_ms: number;
  p99_ms: number;
  /** From the chair's click (the command leaving the chair's socket): the commit's own time included. */
  p99_from_click_ms: number;
  missing: number;
  payload_bytes: number;
  /** Resident memory the observers added, from none to all of them (after a full GC), per observer. */
  rss_per_observer_kb: number;
  /** The same for the JS heap and external buffers only. */
  heap_per_observer_kb: number;
  sample: Record<string, unknown> | null;
};

/** Memory in KB after a full garbage collection (the process runs with --inspect); RSS alone if it does not. */
async function settled(pid: number, output: () => string): Promise<Memory> {
  const url = inspectorUrl(output());
  if (url) return settledMemory(url);
  return { rss: await rssKb(pid), heapUsed: Number.NaN, external: Number.NaN };
}

function perObserver(before: Memory, after: Memory, count: number): { rss: number; heap: number } {
  return { rss: (after.rss - before.rss) / count, heap: (after.heapUsed + after.external - before.heapUsed - before.external) / count };
}

/** When each round's command committed: its log line (server/ops/observe.ts writes one per command, after commit). */
function commitTimes(output: string, command: string): number[] {
  const times: number[] = [];
  for (const line of output.split("\n")) {
    if (!line.startsWith("{") || !line.includes(`"command":"${command}"`)) continue;
    try {
      const entry = JSON.parse(line) as { time?: string; outcome?: string };
      if (entry.time && entry.outcome === "ok") times.push(Date.parse(entry.time));
    } catch {
      // Not a log line.
    }
  }
  return times;
}

type Report = (fraction: number, detail: string) => void;

function summarize(values: number[], missing: number) {
  return { p50_ms: percentile(values, 50), p99_ms: percentile(values, 99), missing };
}

export async function yishiFanout(options: {
  pool: ClientPool;
  url: string;
  serverPid: number;
  serverOutput: () => string;
  meetingId: string;
  chair: Phone;
  personId: string;
  observers: number;
  rounds: number;
  gapMs: number;
  onProgress: Report;
}): Promise<FanoutResult> {
  const { pool, chair } = options;
  await sleep(1_000);
  const before = await settled(options.serverPid, options.serverOutput);
  const connected = await pool.connect({
    url: options.url,
    count: options.observers,
    joinMeetingId: options.meetingId,
    parallel: 10,
    onProgress: (done) => options.onProgress((0.6 * done) / options.observers, `${done}/${options.observers} observers joined`),
  });
  if (connected.failed > 0) throw new Error(`${connected.failed} observers could not join`);
  await sleep(2_000);
  const after = await settled(options.serverPid, options.serverOutput);
  const memory = perObserver(before, after, connected.connected);
  await pool.clear();
  const rounds: { version: number; t0: number }[] = [];
  const clicks: number[] = [];
  for (let r = 0; r < options.rounds; r += 1) {
    const t0 = wallNow();
    const reply = await chair.call<{ result: { version: number } }>("meeting:attendance", {
      meetingId: options.meetingId,
      personId: options.personId,
      status: r % 2 === 0 ? "present_online" : "present_in_person",
    });
    if (!reply.ok) throw new Error(`attendance: ${reply.error.code} ${reply.error.message}`);
    rounds.push({ version: reply.data.result.version, t0 });
    clicks.push(t0);
    options.onProgress(0.6 + (0.4 * (r + 1)) / options.rounds, `round ${r + 1}/${options.rounds}`);
    await sleep(options.gapMs);
  }
  const fromClick = await pool.latencies(rounds);
  // The commit of each round: the first log line of the command after its click (falls back to the click).
  const commits = commitTimes(options.serverOutput(), "live/recordAttendance");
  const committed = rounds.map((round) => ({ version: round.version, t0: commits.find((t) => t >= Math.floor(round.t0)) ?? round.t0 }));
  const { values, missing } = await pool.latencies(committed);
  const sample = (await pool.sample()) as Record<string, unknown> | null;
  await pool.disconnect();
  return {
    observers: connected.connected,
    ...summarize(values, missing),
    p99_from_click_ms: percentile(fromClick.values, 99),
    payload_bytes: Buffer.byteLength(JSON.stringify(sample ?? {})),
    rss_per_observer_kb: memory.rss,
    heap_per_observer_kb: memory.heap,
    sample,
  };
}

export async function baselineFanout(options: { pool: ClientPool; payload: Record<string, unknown>; observers: number; rounds: number; gapMs: number; onProgress: Report }): Promise<FanoutResult> {
  const child = fork(path.join(import.meta.dirname, "baselineServer.ts"), [], { execArgv: ["--inspect=127.0.0.1:0", "--import", "tsx"], stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /BASELINE_LISTENING (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once("exit", (code) => reject(new Error(`baseline server exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    await sleep(500);
    const before = await settled(child.pid ?? 0, () => errors);
    const connected = await options.pool.connect({
      url,
      count: options.observers,
      parallel: 10,
      onProgress: (done) => options.onProgress((0.6 * done) / options.observers, `${done}/${options.observers} baseline clients`),
    });
    await sleep(2_000);
    const after = await settled(child.pid ?? 0, () => errors);
    const memory = perObserver(before, after, connected.connected);
    const control = io(`${url}/control`, { transports: ["websocket"] });
    await new Promise<void>((resolve) => control.once("connect", () => resolve()));
    await options.pool.clear();
    const base = Number(options.payload.version ?? 0) + 1_000;
    const rounds: { version: number; t0: number }[] = [];
    const clicks: { version: number; t0: number }[] = [];
    for (let r = 0; r < options.rounds; r += 1) {
      const version = base + r;
      const t0 = wallNow();
      // The server answers with the moment it had the new state in hand (the counterpart of a commit).
      const ready = (await control.emitWithAck("broadcast", { ...options.payload, version })) as number;
      rounds.push({ version, t0: ready });
      clicks.push({ version, t0 });
      options.onProgress(0.6 + (0.4 * (r + 1)) / options.rounds, `round ${r + 1}/${options.rounds}`);
      await sleep(options.gapMs);
    }
    control.close();
    const { values, missing } = await options.pool.latencies(rounds);
    const fromClick = await options.pool.latencies(clicks);
    await options.pool.disconnect();
    return { observers: connected.connected, ...summarize(values, missing), p99_from_click_ms: percentile(fromClick.values, 99), payload_bytes: Buffer.byteLength(JSON.stringify(options.payload)), rss_per_observer_kb: memory.rss, heap_per_observer_kb: memory.heap, sample: null };
  } finally {
    child.kill("SIGTERM");
  }
}
