/**
 * Fan-out: N observers joined to a public meeting; the chair marks attendance (a change every phone must show) and
 * we time, for every observer, from the command's commit until that observer holds a `meeting:state` with the new
 * version. The baseline is a bare Socket.IO server (its own process) broadcasting the same payload to N clients of
 * its own. Both sets of clients stay connected and the rounds alternate (Yishi, baseline, Yishi, …), so that both
 * meet the same machine: on a shared 2-core machine the load of the moment moves both alike.
 */
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import type { Phone } from "../../server/faults/clients";
import type { ClientPool } from "./clients";
import { inspectorUrl, type Memory, settledMemory } from "./inspector";
import { listeningPort, percentile, rssKb, sleep, wallNow } from "./stats";

export type Side = {
  observers: number;
  /** From the commit (Yishi: the command's log line; baseline: the server holding the new state) to each receipt. */
  p50_ms: number;
  p99_ms: number;
  /** From the chair's click (the command leaving the chair's socket), the commit's own time included. */
  p99_from_click_ms: number;
  missing: number;
  /** Resident memory the observers added, from none to all of them (after a full GC), per observer. */
  rss_per_observer_kb: number;
  /** The same for the JS heap and external buffers only. */
  heap_per_observer_kb: number;
};

export type FanoutResult = { yishi: Side; baseline: Side; payload_bytes: number };

type Report = (fraction: number, detail: string) => void;
type Round = { version: number; t0: number };

/** Memory in KB after a full garbage collection (the process runs with --inspect); RSS alone if it does not. */
async function settled(pid: number, output: () => string): Promise<Memory> {
  const url = inspectorUrl(output());
  if (url) return settledMemory(url);
  return { rss: await rssKb(pid), heapUsed: Number.NaN, external: Number.NaN };
}

function perObserver(before: Memory, after: Memory, count: number): { rss: number; heap: number } {
  return { rss: (after.rss - before.rss) / count, heap: (after.heapUsed + after.external - before.heapUsed - before.external) / count };
}

/** When each command committed: its log line (server/ops/observe.ts writes one per command, after the commit). */
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

async function startBaseline(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = fork(path.join(import.meta.dirname, "baselineServer.ts"), [], {
    execArgv: ["--inspect=127.0.0.1:0", "--import", "tsx"],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const { port, output } = await listeningPort(child, "BASELINE_LISTENING", "baseline server");
  return { child, url: `http://127.0.0.1:${port}`, output };
}

export async function fanout(options: {
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
  const { pool, chair, observers } = options;
  const baseline = await startBaseline();
  let control: Socket | undefined;
  try {
    await sleep(1_000);
    const yishiBefore = await settled(options.serverPid, options.serverOutput);
    const joined = await pool.connect({
      url: options.url,
      count: observers,
      group: "yishi",
      joinMeetingId: options.meetingId,
      parallel: 10,
      onProgress: (done) => options.onProgress((0.5 * done) / observers, `${done}/${observers} observers joined`),
    });
    if (joined.failed > 0) throw new Error(`${joined.failed} observers could not join`);
    await sleep(2_000);
    const yishiAfter = await settled(options.serverPid, options.serverOutput);

    const baseBefore = await settled(baseline.child.pid ?? 0, baseline.output);
    const raw = await pool.connect({
      url: baseline.url,
      count: observers,
      group: "raw",
      parallel: 10,
      onProgress: (done) => options.onProgress(0.5 + (0.2 * done) / observers, `${done}/${observers} baseline clients`),
    });
    if (raw.failed > 0) throw new Error(`${raw.failed} baseline clients could not connect`);
    await sleep(2_000);
    const baseAfter = await settled(baseline.child.pid ?? 0, baseline.output);
    const payload = ((await pool.sample("yishi")) ?? {}) as Record<string, unknown>;
    const link = io(`${baseline.url}/control`, { transports: ["websocket"] });
    control = link;
    await new Promise<void>((resolve) => link.once("connect", () => resolve()));

    await pool.clear();
    const yishi: Round[] = [];
    const base: Round[] = [];
    const baseClicks: Round[] = [];
    for (let r = 0; r < options.rounds; r += 1) {
      const t0 = wallNow();
      const reply = await chair.call<{ result: { version: number } }>("meeting:attendance", {
        meetingId: options.meetingId,
        personId: options.personId,
        status: r % 2 === 0 ? "present_online" : "present_in_person",
      });
      if (!reply.ok) throw new Error(`attendance: ${reply.error.code} ${reply.error.message}`);
      yishi.push({ version: reply.data.result.version, t0 });
      await sleep(options.gapMs);
      // The baseline server answers with the moment it had the new state in hand (the counterpart of a commit).
      const version = 1_000_000 + r;
      const click = wallNow();
      const ready = (await link.emitWithAck("broadcast", { ...payload, version })) as number;
      base.push({ version, t0: ready });
      baseClicks.push({ version, t0: click });
      options.onProgress(0.7 + (0.3 * (r + 1)) / options.rounds, `round ${r + 1}/${options.rounds}`);
      await sleep(options.gapMs);
    }
    // The commit of each Yishi round: the first log line of the command after its click.
    const commits = commitTimes(options.serverOutput(), "live/recordAttendance");
    const committed = yishi.map((round) => ({ version: round.version, t0: commits.find((t) => t >= Math.floor(round.t0)) ?? round.t0 }));
    const side = async (rounds: Round[], clicks: Round[], group: string, count: number, memory: { rss: number; heap: number }): Promise<Side> => {
      const measured = await pool.latencies(rounds, group);
      const fromClick = await pool.latencies(clicks, group);
      return {
        observers: count,
        p50_ms: percentile(measured.values, 50),
        p99_ms: percentile(measured.values, 99),
        p99_from_click_ms: percentile(fromClick.values, 99),
        missing: measured.missing,
        rss_per_observer_kb: memory.rss,
        heap_per_observer_kb: memory.heap,
      };
    };
    const result = {
      yishi: await side(committed, yishi, "yishi", joined.connected, perObserver(yishiBefore, yishiAfter, joined.connected)),
      baseline: await side(base, baseClicks, "raw", raw.connected, perObserver(baseBefore, baseAfter, raw.connected)),
      payload_bytes: Buffer.byteLength(JSON.stringify(payload)),
    };
    await pool.disconnect();
    return result;
  } finally {
    control?.close();
    baseline.child.kill("SIGTERM");
  }
}
