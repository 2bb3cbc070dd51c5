/**
 * A client process of the district scenario (bench/lib/district.ts): holds a share of the members' and observers'
 * sockets of many meetings, on either node, records every `meeting:state` each one receives (wall-clock time), and
 * sends votes on a schedule. The same process serves the floor (bare Socket.IO across two nodes): there a socket's
 * room comes in its query and each state carries the moment its node emitted it.
 */
import { io, type Socket } from "socket.io-client";

export type SocketSpec = { url: string; cookie: string | null; meetingId: string | null; room: string | null };
/** One vote to send: socket index (in this worker), when, which event with what payload. */
export type PlannedVote = { socket: number; at: number; event: string; payload: Record<string, unknown> };
export type VoteAck = { ok: boolean; code?: string; sent: number; at: number; retries: number };
/** Per received state: motion id (or the floor's key), its count of votes cast, receipt time, emit time (floor). */
export type Receipt = [key: string, count: number, at: number, emittedAt: number];

export type ToDistrictWorker =
  | { type: "connect"; sockets: SocketSpec[]; parallel: number }
  | { type: "cast"; votes: PlannedVote[]; attemptMs: number }
  | { type: "receipts"; from: number; to: number }
  | { type: "clear" }
  | { type: "disconnect" }
  | { type: "exit" };

export type FromDistrictWorker =
  | { type: "ready" }
  | { type: "progress"; done: number }
  | { type: "connected"; failed: number; sample: unknown; firstIndex: number }
  | { type: "cast"; acks: VoteAck[] }
  | { type: "receipts"; receipts: Receipt[][] }
  | { type: "cleared" }
  | { type: "disconnected" };

const now = () => performance.timeOrigin + performance.now();
const send = (message: FromDistrictWorker) => process.send?.(message);

let sockets: (Socket | undefined)[] = [];
let receipts: Receipt[][] = [];
let sample: unknown = null;

type State = { motion?: { id: string; castCount: number } | null; key?: string; count?: number; emittedAt?: number };

function open(spec: SocketSpec, slot: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(spec.url, {
      transports: ["websocket"],
      reconnection: false,
      timeout: 120_000,
      extraHeaders: spec.cookie ? { cookie: spec.cookie } : {},
      query: spec.room ? { room: spec.room } : {},
    });
    const list: Receipt[] = [];
    receipts[slot] = list;
    socket.on("meeting:state", (state: State) => {
      const at = now();
      sample ??= state;
      if (state.emittedAt !== undefined) list.push([state.key ?? "", state.count ?? 0, at, state.emittedAt]);
      else list.push([state.motion?.id ?? "", state.motion?.castCount ?? 0, at, 0]);
    });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => reject(error));
  });
}

async function connectAll(specs: SocketSpec[], parallel: number): Promise<void> {
  const firstIndex = sockets.length;
  let next = 0;
  let failed = 0;
  let done = 0;
  let lastReport = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < specs.length) {
        const i = next;
        next += 1;
        const spec = specs[i] as SocketSpec;
        let socket: Socket | undefined;
        try {
          socket = await open(spec, firstIndex + i);
          if (spec.meetingId) {
            const reply = (await socket.timeout(180_000).emitWithAck("meeting:join", { meetingId: spec.meetingId })) as {
              ok: boolean;
              data?: { view?: unknown };
            };
            if (!reply.ok) throw new Error("join refused");
            if (!spec.cookie && reply.data?.view) sample ??= reply.data.view;
          }
          sockets[firstIndex + i] = socket;
        } catch {
          socket?.close();
          failed += 1;
        }
        done += 1;
        if (Date.now() - lastReport > 250) {
          lastReport = Date.now();
          send({ type: "progress", done });
        }
      }
    }),
  );
  send({ type: "connected", failed, sample, firstIndex });
}

async function cast(votes: PlannedVote[], attemptMs: number): Promise<void> {
  const acks = await Promise.all(
    votes.map(async (vote): Promise<VoteAck> => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, vote.at - now())));
      const socket = sockets[vote.socket];
      const sent = now();
      if (!socket) return { ok: false, code: "not_connected", sent, at: sent, retries: 0 };
      for (let attempt = 0; attempt < 4; attempt += 1) {
        try {
          const reply = (await socket.timeout(attemptMs).emitWithAck(vote.event, vote.payload)) as { ok: boolean; error?: { code: string } };
          if (reply.ok) return { ok: true, sent, at: now(), retries: attempt };
          if (reply.error?.code !== "unavailable") return { ok: false, code: reply.error?.code, sent, at: now(), retries: attempt };
        } catch {
          // No answer in time: the same vote again (same client id), as the live page does.
        }
      }
      return { ok: false, code: "timeout", sent, at: now(), retries: 3 };
    }),
  );
  send({ type: "cast", acks });
}

process.on("message", (message: ToDistrictWorker) => {
  switch (message.type) {
    case "connect":
      void connectAll(message.sockets, message.parallel);
      break;
    case "cast":
      void cast(message.votes, message.attemptMs);
      break;
    case "receipts":
      send({ type: "receipts", receipts: receipts.slice(message.from, message.to) });
      break;
    case "clear":
      for (const list of receipts) if (list) list.length = 0;
      send({ type: "cleared" });
      break;
    case "disconnect":
      for (const socket of sockets) socket?.close();
      sockets = [];
      receipts = [];
      sample = null;
      send({ type: "disconnected" });
      break;
    case "exit":
      process.exit(0);
  }
});
send({ type: "ready" });
