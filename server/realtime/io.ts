import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { authenticateHandshake, type SocketIdentity } from "./auth";

/** Yjs updates measured well under this; a larger frame is refused by Socket.IO before it reaches a handler. */
export const MAX_FRAME_BYTES = 64 * 1024;

export function createSocketServer(httpServer: HttpServer): Server {
  const io = new Server(httpServer, {
    path: "/socket.io",
    maxHttpBufferSize: MAX_FRAME_BYTES,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  io.use((socket, next) => void authenticateHandshake(socket, next));
  io.on("connection", (socket) => {
    socket.on("session", (ack: unknown) => {
      if (typeof ack !== "function") return;
      const identity = socket.data.identity as SocketIdentity;
      ack({ ok: true, data: { accountId: identity?.accountId ?? null, name: identity?.name ?? null } });
    });
  });
  return io;
}
