/**
 * The district's floor: one node of a bare Socket.IO 4.8 deployment (Yishi's server options, the Redis adapter on
 * REDIS_URL, nothing else in the process). A client names its room in the handshake's query and is put in it. A
 * "vote" is acknowledged at once and the room gets a `meeting:state` of the given size, stamped with the moment this
 * node emitted it — what a Yishi node does after a vote's commit, without the database. Two of these processes on one
 * Redis make the two-node floor (bench/lib/district.ts). Prints FLOOR_LISTENING <port>.
 */
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const pub = new Redis(redisUrl);
const sub = pub.duplicate();
const http = createServer();
const io = new Server(http, { path: "/socket.io", maxHttpBufferSize: 64 * 1024, serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.adapter(createAdapter(pub, sub, { key: `yishi-bench-floor-${process.env.FLOOR_KEY ?? "0"}` }));
io.on("connection", (socket) => {
  const room = String(socket.handshake.query.room ?? "");
  if (room) void socket.join(room);
  socket.on("vote", (vote: { key: string; count: number; bytes: number }, ack: (reply: { ok: true }) => void) => {
    ack({ ok: true });
    const emittedAt = performance.timeOrigin + performance.now();
    io.to(room).emit("meeting:state", { key: vote.key, count: vote.count, emittedAt, pad: "x".repeat(Math.max(0, vote.bytes - 80)) });
  });
});
http.listen(0, "127.0.0.1", () => {
  const address = http.address();
  console.log(`FLOOR_LISTENING ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => {
  io.close(() => {
    pub.disconnect();
    sub.disconnect();
    process.exit(0);
  });
});
