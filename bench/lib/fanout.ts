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
import { percentile, rssKb, sleep, wallNow } from "./stats";

export type FanoutResult = { observers: number; p50_ms: number; p99_ms: number; missing: number; payload_bytes: number; rss_per_observer_kb: number; sample: Record<string, unknown> | null };

type Report = (fraction: number, detail: string) => void;

function summarize(values: number[], missing: number) {
  return { p50_ms: percentile(values, 50), p99_ms: percentile(values, 99), missing };
}

export async function yishiFanout(options: {
  pool: ClientPool;
  url: string;
  serverPid: number;
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
  const before = await rssKb(options.serverPid);
  const connected = await pool.connect({
    url: options.url,
    count: options.observers,
    joinMeetingId: options.meetingId,
    parallel: 10,
    onProgress: (done) => options.onProgress((0.6 * done) / options.observers, `${done}/${options.observers} observers joined`),
  });
  if (connected.failed > 0) throw new Error(`${connected.failed} observers could not join`);
  await sleep(2_000);
  const after = await rssKb(options.serverPid);
  await pool.clear();
  const rounds: { version: number; t0: number }[] = [];
  for (let r = 0; r < options.rounds; r += 1) {
    const t0 = wallNow();
    const reply = await chair.call<{ result: { version: number } }>("meeting:attendance", {
      meetingId: options.meetingId,
      personId: options.personId,
      status: r % 2 === 0 ? "present_online" : "present_in_person",
    });
    if (!reply.ok) throw new Error(`attendance: ${reply.error.code} ${reply.error.message}`);
    rounds.push({ version: reply.data.result.version, t0 });
    options.onProgress(0.6 + (0.4 * (r + 1)) / options.rounds, `round ${r + 1}/${options.rounds}`);
    await sleep(options.gapMs);
  }
  const { values, missing } = await pool.latencies(rounds);
  const sample = (await pool.sample()) as Record<string, unknown> | null;
  await pool.disconnect();
  return {
    observers: connected.connected,
    ...summarize(values, missing),
    payload_bytes: Buffer.byteLength(JSON.stringify(sample ?? {})),
    rss_per_observer_kb: (after - before) / connected.connected,
    sample,
  };
}

export async function baselineFanout(options: { pool: ClientPool; payload: Record<string, unknown>; observers: number; rounds: number; gapMs: number; onProgress: Report }): Promise<FanoutResult> {
  const child = fork(path.join(import.meta.dirname, "baselineServer.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "pipe", "inherit", "ipc"] });
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
    const before = await rssKb(child.pid ?? 0);
    const connected = await options.pool.connect({
      url,
      count: options.observers,
      parallel: 10,
      onProgress: (done) => options.onProgress((0.6 * done) / options.observers, `${done}/${options.observers} baseline clients`),
    });
    await sleep(2_000);
    const after = await rssKb(child.pid ?? 0);
    const control = io(`${url}/control`, { transports: ["websocket"] });
    await new Promise<void>((resolve) => control.once("connect", () => resolve()));
    await options.pool.clear();
    const base = Number(options.payload.version ?? 0) + 1_000;
    const rounds: { version: number; t0: number }[] = [];
    for (let r = 0; r < options.rounds; r += 1) {
      const version = base + r;
      const t0 = wallNow();
      await control.emitWithAck("broadcast", { ...options.payload, version });
      rounds.push({ version, t0 });
      options.onProgress(0.6 + (0.4 * (r + 1)) / options.rounds, `round ${r + 1}/${options.rounds}`);
      await sleep(options.gapMs);
    }
    control.close();
    const { values, missing } = await options.pool.latencies(rounds);
    await options.pool.disconnect();
    return { observers: connected.connected, ...summarize(values, missing), payload_bytes: Buffer.byteLength(JSON.stringify(options.payload)), rss_per_observer_kb: (after - before) / connected.connected, sample: null };
  } finally {
    child.kill("SIGTERM");
  }
}
