/**
 * Who may read /metrics: the same machine (loopback) by default; with YISHI_METRICS_TOKEN set, anyone presenting
 * `Authorization: Bearer <token>`, and nobody without it. The address is the TCP peer, never a forwarded header. A
 * reverse proxy on the same host connects from loopback too: a request that carries a proxy's forwarding headers is
 * therefore refused without the token, and the proxy should not pass /metrics through at all (docs/operations.md).
 */
import { timingSafeEqual } from "node:crypto";

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (plain === "::1" || plain === "0:0:0:0:0:0:0:1") return true;
  const octets = plain.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-real-ip", "forwarded", "via"];

/** Did a proxy hand this request on? (A scraper on this machine sends none of these.) */
export function cameThroughProxy(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  return FORWARDING_HEADERS.some((name) => headers[name] !== undefined);
}

export type Access = { allowed: true } | { allowed: false; status: 401 | 403 };

export function metricsAccess(remoteAddress: string | undefined, authorization: string | undefined, token: string | undefined, viaProxy = false): Access {
  if (token) return bearerMatches(authorization, token) ? { allowed: true } : { allowed: false, status: 401 };
  return isLoopback(remoteAddress) && !viaProxy ? { allowed: true } : { allowed: false, status: 403 };
}
