/**
 * The benchmark's clients, spread over a few processes (bench/lib/clientWorker.ts) so that thousands of sockets do
 * not share one event loop with the measuring process.
 */
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { Ack, FromWorker, ToWorker, Vote } from "./protocol";

type Waiter = { type: FromWorker["type"]; resolve: (message: FromWorker) => void };

class Worker {
  private readonly waiters: Waiter[] = [];
  progress = { done: 0, failed: 0 };

  constructor(readonly child: ChildProcess) {
    child.on("message", (message: FromWorker) => {
      if (message.type === "progress") {
        this.progress = { done: message.done, failed: message.failed };
        return;
      }
      const index = this.waiters.findIndex((w) => w.type === message.type);
      if (index >= 0) this.waiters.splice(index, 1)[0]?.resolve(message);
    });
  }

  request<T extends FromWorker["type"]>(message: ToWorker, reply: T): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`client process exited with ${code}`));
      this.child.once("exit", onExit);
      this.waiters.push({
        type: reply,
        resolve: (m) => {
          this.child.off("exit", onExit);
          resolve(m as Extract<FromWorker, { type: T }>);
        },
      });
      this.child.send(message);
    });
  }
}

/** Splits items over n parts as evenly as possible, keeping order. */
function split<T>(items: T[], parts: number): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (let p = 0; p < parts; p += 1) {
    const size = Math.floor(items.length / parts) + (p < items.length % parts ? 1 : 0);
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

export class ClientPool {
  private constructor(private readonly workers: Worker[]) {}

  static async start(processes: number): Promise<ClientPool> {
    const script = path.join(import.meta.dirname, "clientWorker.ts");
    const workers = Array.from(
      { length: processes },
      () => new Worker(fork(script, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] })),
    );
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.child.once("message", () => resolve()))));
    return new ClientPool(workers);
  }

  /** Connects `count` sockets (with these cookies, if any), optionally joined to a meeting; reports progress. */
  async connect(options: {
    url: string;
    count: number;
    group?: string;
    cookies?: string[];
    joinMeetingId?: string;
    parallel?: number;
    onProgress?: (done: number, failed: number) => void;
  }): Promise<{ connected: number; failed: number }> {
    const indices = split(
      Array.from({ length: options.count }, (_, i) => i),
      this.workers.length,
    );
    for (const w of this.workers) w.progress = { done: 0, failed: 0 };
    const timer = setInterval(() => {
      const done = this.workers.reduce((sum, w) => sum + w.progress.done, 0);
      const failed = this.workers.reduce((sum, w) => sum + w.progress.failed, 0);
      options.onProgress?.(done, failed);
    }, 300);
    try {
      const replies = await Promise.all(
        this.workers.map((w, k) => {
          const mine = indices[k] ?? [];
          return w.request(
            {
              type: "connect",
              url: options.url,
              count: mine.length,
              cookies: options.cookies ? mine.map((i) => options.cookies?.[i] ?? "") : null,
              joinMeetingId: options.joinMeetingId ?? null,
              parallel: options.parallel ?? 20,
              group: options.group ?? "default",
            },
            "connected",
          );
        }),
      );
      return { connected: replies.reduce((sum, r) => sum + r.count, 0), failed: replies.reduce((sum, r) => sum + r.failed, 0) };
    } finally {
      clearInterval(timer);
    }
  }

  async sample(group = "default"): Promise<unknown> {
    for (const w of this.workers) {
      const reply = await w.request({ type: "sample", group }, "sample");
      if (reply.state) return reply.state;
    }
    return null;
  }

  async clear(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request({ type: "clear" }, "cleared")));
  }

  /** Per socket and round: ms from the round's t0 to the first state with the round's version or later. */
  async latencies(rounds: { version: number; t0: number }[], group = "default"): Promise<{ values: number[]; missing: number }> {
    const replies = await Promise.all(this.workers.map((w) => w.request({ type: "latencies", rounds, group }, "latencies")));
    return { values: replies.flatMap((r) => r.values), missing: replies.reduce((sum, r) => sum + r.missing, 0) };
  }

  /** Every connected voter casts its vote at the same wall-clock moment; acks in the order of `votes`. */
  async cast(options: { meetingId: string; motionId: string; at: number; attemptMs: number; votes: Vote[] }): Promise<{ acks: Ack[]; retries: number }> {
    const parts = split(options.votes, this.workers.length);
    const replies = await Promise.all(
      this.workers.map((w, k) =>
        w.request(
          { type: "cast", meetingId: options.meetingId, motionId: options.motionId, at: options.at, attemptMs: options.attemptMs, votes: parts[k] ?? [] },
          "cast",
        ),
      ),
    );
    return { acks: replies.flatMap((r) => r.acks), retries: replies.reduce((sum, r) => sum + r.retries, 0) };
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request({ type: "disconnect" }, "disconnected")));
  }

  async stop(): Promise<void> {
    for (const w of this.workers) {
      if (w.child.exitCode === null) w.child.send({ type: "exit" } satisfies ToWorker);
    }
    await Promise.all(this.workers.map((w) => (w.child.exitCode === null ? new Promise((resolve) => w.child.once("exit", resolve)) : null)));
  }
}
