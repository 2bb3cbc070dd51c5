/**
 * A benchmark client process: holds a share of the observers' or voters' sockets (socket.io-client, WebSocket, as
 * the live page opens them), records when each `meeting:state` arrives, and casts votes on command. Driven over IPC
 * by bench/lib/clients.ts; the parent measures, this process only records wall-clock times.
 */
import { io, type Socket } from "socket.io-client";
import type { FromWorker, ToWorker } from "./protocol";

/** In the order of the connect messages (cookies, votes): a socket, or undefined where connecting failed. */
let sockets: (Socket | undefined)[] = [];
/** Per socket: [version, wall-clock ms] of every meeting:state received. */
const receipts = new Map<Socket, [number, number][]>();
/** Sockets are connected in groups (the Yishi observers, the baseline's clients), measured apart. */
const groups = new Map<Socket, string>();
const samples = new Map<string, unknown>();

const now = () => performance.timeOrigin + performance.now();
const send = (message: FromWorker) => process.send?.(message);

function open(url: string, cookie: string | undefined, group: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ["websocket"], reconnection: false, timeout: 60_000, extraHeaders: cookie ? { cookie } : {} });
    const list: [number, number][] = [];
    receipts.set(socket, list);
    groups.set(socket, group);
    socket.on("meeting:state", (state: { version: number }) => {
      list.push([state.version, now()]);
      samples.set(group, state);
    });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => reject(error));
  });
}

async function connectAll(message: Extract<ToWorker, { type: "connect" }>): Promise<void> {
  let next = 0;
  let failed = 0;
  const slots: (Socket | undefined)[] = new Array(message.count);
  let lastReport = 0;
  await Promise.all(
    Array.from({ length: message.parallel }, async () => {
      while (next < message.count) {
        const i = next;
        next += 1;
        let socket: Socket | undefined;
        try {
          socket = await open(message.url, message.cookies?.[i], message.group);
          if (message.joinMeetingId) {
            const reply = (await socket.timeout(120_000).emitWithAck("meeting:join", { meetingId: message.joinMeetingId })) as {
              ok: boolean;
              data?: { view?: unknown };
            };
            if (!reply.ok) throw new Error("join refused");
            // The snapshot a join returns is the state a broadcast carries: the baseline sends the same payload.
            if (!samples.has(message.group) && reply.data?.view) samples.set(message.group, reply.data.view);
          }
          slots[i] = socket;
        } catch {
          socket?.close();
          if (socket) receipts.delete(socket);
          if (socket) groups.delete(socket);
          failed += 1;
        }
        const done = i + 1;
        if (Date.now() - lastReport > 250) {
          lastReport = Date.now();
          send({ type: "progress", done: done - failed, failed });
        }
      }
    }),
  );
  // Appended: a later connect adds sockets (the fan-out connects a warm-up share first).
  sockets = [...sockets, ...slots];
  send({ type: "connected", count: message.count - failed, failed });
}

function latencies(rounds: { version: number; t0: number }[], group: string): void {
  const values: number[] = [];
  let missing = 0;
  for (const [socket, list] of receipts) {
    if (groups.get(socket) !== group) continue;
    for (const round of rounds) {
      const hit = list.find(([version]) => version >= round.version);
      if (hit) values.push(hit[1] - round.t0);
      else missing += 1;
    }
  }
  send({ type: "latencies", values, missing });
}

async function cast(message: Extract<ToWorker, { type: "cast" }>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, message.at - now())));
  let retries = 0;
  const acks = await Promise.all(
    sockets.map(async (socket, i) => {
      const vote = message.votes[i];
      if (!vote || !socket) return { ok: false, code: socket ? "no_vote" : "not_connected", at: now() };
      for (let attempt = 0; attempt < 5; attempt += 1) {
        if (attempt > 0) retries += 1;
        try {
          const reply = (await socket
            .timeout(message.attemptMs)
            .emitWithAck("vote:cast", { meetingId: message.meetingId, motionId: message.motionId, ...vote })) as
            | { ok: true }
            | { ok: false; error: { code: string } };
          if (reply.ok) return { ok: true, at: now() };
          if (reply.error.code !== "unavailable") return { ok: false, code: reply.error.code, at: now() };
        } catch {
          // No answer in time: the same vote again (same client id), as the live page does.
        }
      }
      return { ok: false, code: "timeout", at: now() };
    }),
  );
  send({ type: "cast", acks, retries });
}

process.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "connect":
      void connectAll(message);
      break;
    case "sample":
      send({ type: "sample", state: samples.get(message.group) ?? null });
      break;
    case "clear":
      for (const list of receipts.values()) list.length = 0;
      send({ type: "cleared" });
      break;
    case "latencies":
      latencies(message.rounds, message.group);
      break;
    case "cast":
      void cast(message);
      break;
    case "disconnect":
      for (const socket of sockets) socket?.close();
      sockets = [];
      receipts.clear();
      groups.clear();
      samples.clear();
      send({ type: "disconnected" });
      break;
    case "exit":
      process.exit(0);
  }
});
send({ type: "ready" });
