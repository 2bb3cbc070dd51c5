import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { identityOf } from "../auth/identity";
import { AppError } from "../errors";
import { newRequestId, runInRequest } from "../ops/requestContext";
import { LIVE_READS, type SessionReply } from "../protocol/live";
import { sessionPayload } from "../protocol/livePayloads";
import { isSameOriginRequest } from "../web/sameOrigin";
import { handleOn } from "./ack";
import { authenticateHandshake } from "./auth";
import { admitConnection, limitEventRate } from "./guard";

/** Yjs updates measured well under this; a larger frame is refused by Socket.IO before it reaches a handler. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** A feature's socket events: registered once per connection. Each handler authorizes every event itself. */
export type SocketModule = (io: Server, socket: Socket) => void;

const onSession = handleOn(sessionPayload, async (_input, socket): Promise<SessionReply> => {
  const identity = identityOf(socket);
  return { accountId: identity?.accountId ?? null, name: identity?.name ?? null };
});

const sessionModule: SocketModule = (_io, socket) => {
  socket.on(LIVE_READS.session, onSession);
};

/** Each event is a request of its own: the commands it runs log under one request id (server/ops/observe.ts). */
const inRequest = ([event]: unknown[], next: (error?: Error) => void) =>
  runInRequest({ requestId: newRequestId(), route: `socket ${String(event)}` }, () => next());

export function createSocketServer(httpServer: HttpServer, modules: SocketModule[] = []): Server {
  const io = new Server(httpServer, {
    path: "/socket.io",
    maxHttpBufferSize: MAX_FRAME_BYTES,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    // The same rule as every HTTP write (server/web/sameOrigin.ts): cross-site WebSocket hijacking needs a browser.
    allowRequest: (req, callback) => {
      const allowed = isSameOriginRequest(req.headers);
      callback(allowed ? null : "origin not allowed", allowed);
    },
  });
  io.use((socket, next) => {
    if (admitConnection(socket)) next();
    else next(Object.assign(new Error("too many connections"), { data: new AppError("rate_limited", "too many connections from this address").toJSON() }));
  });
  io.use((socket, next) => void authenticateHandshake(socket, next));
  const all = [sessionModule, ...modules];
  io.on("connection", (socket) => {
    socket.use(inRequest);
    limitEventRate(socket);
    watchSession(socket);
    for (const register of all) register(io, socket);
  });
  return io;
}

/**
 * A logged-in socket joins its account's room, so that disabling the account or "log out everywhere" can
 * disconnect it at once; and it is disconnected when its session expires (the client reconnects and is re-checked).
 */
function watchSession(socket: Socket): void {
  const identity = identityOf(socket);
  if (!identity) return;
  void socket.join(accountRoom(identity.accountId));
  const expiresAt = (socket.data.sessionExpiresAt as number | undefined) ?? 0;
  if (expiresAt > 0) {
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, expiresAt - Date.now()));
    socket.once("disconnect", () => clearTimeout(timer));
  }
}

export function accountRoom(accountId: string): string {
  return `account:${accountId}`;
}
