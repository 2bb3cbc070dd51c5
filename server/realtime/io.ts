import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import { handle } from "./ack";
import { authenticateHandshake, identityOf } from "./auth";

/** Yjs updates measured well under this; a larger frame is refused by Socket.IO before it reaches a handler. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** A feature's socket events: registered once per connection. Each handler authorizes every event itself. */
export type SocketModule = (io: Server, socket: Socket) => void;

const sessionModule: SocketModule = (_io, socket) => {
  socket.on(
    "session",
    handle(z.null().optional(), async () => {
      const identity = identityOf(socket);
      return { accountId: identity?.accountId ?? null, name: identity?.name ?? null };
    }),
  );
};

export function createSocketServer(httpServer: HttpServer, modules: SocketModule[] = []): Server {
  const io = new Server(httpServer, {
    path: "/socket.io",
    maxHttpBufferSize: MAX_FRAME_BYTES,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  io.use((socket, next) => void authenticateHandshake(socket, next));
  const all = [sessionModule, ...modules];
  io.on("connection", (socket) => {
    for (const register of all) register(io, socket);
  });
  return io;
}
