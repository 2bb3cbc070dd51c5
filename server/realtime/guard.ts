import type { Socket } from "socket.io";
import { AppError } from "../errors";

/**
 * Socket hardening (OWASP WebSocket cheat sheet, ASVS 4.4): the handshake passes the same-origin rule of every
 * HTTP write (server/web/sameOrigin.ts, applied in io.ts), connections per client address are capped, and each
 * connection's event rate is limited — a flood gets a typed error, then a disconnect, never a crash.
 */
export const EVENTS_PER_SECOND = 40;
export const EVENT_BURST = 120;
const STRIKES_BEFORE_DISCONNECT = 3;

export function clientAddress(socket: Socket): string {
  const forwarded = socket.handshake.headers["x-forwarded-for"];
  if (process.env.YISHI_TRUST_PROXY === "1" && typeof forwarded === "string") return forwarded.split(",")[0]?.trim() ?? socket.handshake.address;
  return socket.handshake.address;
}

function isLoopback(address: string): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

const connections = new Map<string, number>();

/** Counts the connection against its address; false when the cap is reached. Loopback (tests, a local proxy) is exempt. */
export function admitConnection(socket: Socket): boolean {
  const address = clientAddress(socket);
  if (isLoopback(address)) return true;
  const cap = Number(process.env.YISHI_MAX_CONNECTIONS_PER_IP ?? 300);
  const count = connections.get(address) ?? 0;
  if (count >= cap) return false;
  connections.set(address, count + 1);
  socket.once("disconnect", () => {
    const left = (connections.get(address) ?? 1) - 1;
    if (left <= 0) connections.delete(address);
    else connections.set(address, left);
  });
  return true;
}

/** A token bucket per connection: EVENTS_PER_SECOND sustained, EVENT_BURST at once. */
export function limitEventRate(socket: Socket): void {
  let tokens = EVENT_BURST;
  let last = Date.now();
  let strikes = 0;
  socket.use((packet, next) => {
    const now = Date.now();
    tokens = Math.min(EVENT_BURST, tokens + ((now - last) / 1_000) * EVENTS_PER_SECOND);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      next();
      return;
    }
    strikes += 1;
    const error = new AppError("rate_limited", "too many events; slow down").toJSON();
    const ack = packet[packet.length - 1];
    if (typeof ack === "function") (ack as (reply: unknown) => void)({ ok: false, error });
    else socket.emit("yishi:error", error);
    if (strikes >= STRIKES_BEFORE_DISCONNECT) socket.disconnect(true);
  });
}
