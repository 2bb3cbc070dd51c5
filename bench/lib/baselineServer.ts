/**
 * The raw baseline: a bare Socket.IO 4.8 server (the same options as Yishi's, nothing else in the process) that puts
 * every client in one room and broadcasts a given payload to it when the benchmark says so (namespace /control).
 * Run as its own process by bench/lib/fanout.ts; prints BASELINE_LISTENING <port>.
 */
import { createServer } from "node:http";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, { path: "/socket.io", maxHttpBufferSize: 64 * 1024, serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.on("connection", (socket) => void socket.join("meeting"));
io.of("/control").on("connection", (socket) => {
  socket.on("broadcast", (payload: Record<string, unknown>, ack: (ready: number) => void) => {
    const ready = performance.timeOrigin + performance.now();
    io.to("meeting").emit("meeting:state", payload);
    ack(ready);
  });
});
http.listen(0, "127.0.0.1", () => {
  const address = http.address();
  console.log(`BASELINE_LISTENING ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => io.close(() => process.exit(0)));
