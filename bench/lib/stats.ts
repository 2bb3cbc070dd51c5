/** Small numeric helpers for the benchmark's tables, and the port a forked server reports. */
import type { ChildProcess } from "node:child_process";

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes on one machine. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

/** A process's resident set size in KB (Linux /proc). */
export async function rssKb(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The port a forked server prints as "<MARKER> <port>" once it listens, and its stderr so far; rejects with its stderr
 * if it exits first.
 */
export async function listeningPort(child: ChildProcess, marker: string, what: string): Promise<{ port: number; output: () => string }> {
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = new RegExp(`${marker} (\\d+)`).exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${what} exited with ${code}: ${errors}`)));
  });
  return { port, output: () => errors };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): state is index 0. */
async function statFields(pid: number): Promise<string[] | null> {
  const { readFile } = await import("node:fs/promises");
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  return stat === null ? null : stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** CPU seconds (user + system) a process has used so far (Linux /proc); NaN when it is gone. */
export async function cpuSeconds(pid: number): Promise<number> {
  const f = await statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND : Number.NaN;
}

/**
 * CPU seconds used so far by the local PostgreSQL server: every live `postgres` process, plus what the postmaster's
 * ended children used (backends come and go with the pools). NaN when no PostgreSQL runs on this machine.
 */
export async function postgresCpuSeconds(): Promise<number> {
  const { readdir, readFile } = await import("node:fs/promises");
  let ticks = 0;
  let found = false;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, "utf8").catch(() => "");
    if (comm.trim() !== "postgres") continue;
    const f = await statFields(Number(entry));
    if (!f) continue;
    found = true;
    ticks += Number(f[11]) + Number(f[12]);
    const parentComm = await readFile(`/proc/${f[1]}/comm`, "utf8").catch(() => "");
    // The postmaster: its waited-for children's times (cutime, cstime).
    if (parentComm.trim() !== "postgres") ticks += Number(f[13]) + Number(f[14]);
  }
  return found ? ticks / TICKS_PER_SECOND : Number.NaN;
}
