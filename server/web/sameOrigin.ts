import type { IncomingHttpHeaders } from "node:http";

/**
 * The one same-origin rule of Yishi (issue #17): every state-changing HTTP request and every Socket.IO handshake is
 * checked with it, once, in server/web/requestGate.ts and server/realtime/io.ts. SameSite=Lax cookies do not stop a
 * page on another port of the same host (same site) from posting a form, so the browser's own statements decide:
 *
 * - Origin, when sent, must be this site: the host the phone asked for (Host, or X-Forwarded-Host only when
 *   YISHI_TRUST_PROXY=1) and, behind a trusted proxy that says so, its scheme. "null" and unreadable origins are foreign.
 * - Without Origin, Sec-Fetch-Site (sent by every current browser) must be "same-origin" or "none" (typed address).
 * - Without either, a Referer from another origin is refused.
 * - A request with none of them did not come from a browser page (a script, curl, the operator tools): it carries no
 *   ambient authority a foreign page could borrow, and is let through.
 *
 * Extra origins named in YISHI_ALLOWED_ORIGINS (comma-separated, e.g. a separate projector host) are accepted too.
 */
export function isSameOriginRequest(headers: IncomingHttpHeaders): boolean {
  const origin = single(headers.origin);
  if (origin !== undefined) return matchesSite(origin, headers);
  const fetchSite = single(headers["sec-fetch-site"]);
  if (fetchSite !== undefined) return fetchSite === "same-origin" || fetchSite === "none";
  const referer = single(headers.referer);
  if (referer !== undefined) return matchesSite(referer, headers);
  return true;
}

/** The host (with port) this request was addressed to; a forwarded host counts only behind a trusted proxy. */
export function requestedHost(headers: IncomingHttpHeaders): string | undefined {
  const forwarded = trustsProxy() ? firstHop(single(headers["x-forwarded-host"])) : undefined;
  return (forwarded ?? single(headers.host))?.toLowerCase();
}

export function trustsProxy(): boolean {
  return process.env.YISHI_TRUST_PROXY === "1";
}

function matchesSite(value: string, headers: IncomingHttpHeaders): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (allowedOrigins().includes(url.origin)) return true;
  const host = requestedHost(headers);
  if (!host || url.host !== normalizeHost(host, url.protocol)) return false;
  // The scheme is known only from a trusted proxy (the server itself speaks plain HTTP behind it).
  const proto = trustsProxy() ? firstHop(single(headers["x-forwarded-proto"])) : undefined;
  return proto === undefined || `${proto.toLowerCase()}:` === url.protocol;
}

/** URL.host drops a default port ("a:80" → "a"); the Host header may keep it. */
function normalizeHost(host: string, protocol: string): string {
  const defaultPort = protocol === "https:" ? ":443" : ":80";
  return host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host;
}

function allowedOrigins(): string[] {
  return (process.env.YISHI_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      try {
        return new URL(o).origin;
      } catch {
        return o;
      }
    });
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function firstHop(value: string | undefined): string | undefined {
  const first = value?.split(",")[0]?.trim();
  return first ? first : undefined;
}
