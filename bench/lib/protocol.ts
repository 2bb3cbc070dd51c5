/** Messages between the benchmark and its client processes (bench/lib/clientWorker.ts). */
export type Vote = { choice: "yes" | "no" | "abstain"; clientId: string };

export type ToWorker =
  | { type: "connect"; url: string; count: number; cookies: string[] | null; joinMeetingId: string | null; parallel: number; group: string }
  | { type: "sample"; group: string }
  | { type: "clear" }
  | { type: "latencies"; rounds: { version: number; t0: number }[]; group: string }
  | { type: "cast"; meetingId: string; motionId: string; at: number; attemptMs: number; votes: Vote[] }
  | { type: "disconnect" }
  | { type: "exit" };

export type Ack = { ok: boolean; code?: string; at: number };

export type FromWorker =
  | { type: "ready" }
  | { type: "progress"; done: number; failed: number }
  | { type: "connected"; count: number; failed: number }
  | { type: "sample"; state: unknown }
  | { type: "cleared" }
  | { type: "latencies"; values: number[]; missing: number }
  | { type: "cast"; acks: Ack[]; retries: number }
  | { type: "disconnected" };
