import type { IncomingMessage, ServerResponse } from "node:http";
import { MATERIAL_MAX_BYTES } from "../commands/meeting/materialType";
import { AppError } from "../errors";
import { isSameOriginRequest, trustsProxy } from "./sameOrigin";

/**
 * The front door of every HTTP request, run by the custom server (server/index.ts) before Next.js sees it — so it
 * covers route handlers, pages, server actions, next-auth's callbacks and anything added later, which Next's proxy.ts
 * cannot promise (its matcher excludes paths, and it runs after Next has chosen a route). Socket.IO's own requests
 * never reach this handler (engine.io answers /socket.io/ first); its handshake applies the same rule in io.ts.
 *
 * 1. A client-sent X-Forwarded-Host is dropped unless YISHI_TRUST_PROXY=1, so nothing downstream (next-auth, join
 *    links) can be told another host by the client.
 * 2. Every state-changing request (anything but GET/HEAD/OPTIONS) must pass the one same-origin rule
 *    (server/web/sameOrigin.ts), whatever its route or content type.
 * 3. Every request body has a limit by route, checked on Content-Length before a byte of the body is read. Node's
 *    parser never delivers more than Content-Length bytes, so the declared length is the true bound; a body without
 *    one (chunked) is refused: browsers always declare it for forms and fetch over HTTP/1.1.
 */
export const SMALL_BODY_BYTES = 64 * 1024;
export const DEFAULT_BODY_BYTES = 1024 * 1024;
/** Material uploads (a 20 MB file + room for the multipart envelope), roster and payment imports, progress evidence. */
export const UPLOAD_BODY_BYTES = MATERIAL_MAX_BYTES + 64 * 1024;

/** A proposal with its attachments (three files of 10 MB each, issue #22). */
export const PROPOSAL_BODY_BYTES = 3 * 10 * 1024 * 1024 + 64 * 1024;
const PROPOSAL_PATHS = [/^\/api\/proposals\/?$/];
const UPLOAD_PATHS = [
  /^\/api\/admin\/meetings\/[^/]+\/materials\/?$/,
  /^\/api\/admin\/orgs\/[^/]+\/roster-import\/?$/,
  /^\/api\/implementation\/plans\/[^/]+\/progress\/?$/,
  /^\/api\/implementation\/orgs\/[^/]+\/payments\/?$/,
  // Scans of signed paper: the minutes' signature sheet (≤ 10 MB) and the notice's 签收单 (≤ 20 MB).
  /^\/api\/minutes\/[^/]+\/paper\/?$/,
  /^\/api\/meetings\/[^/]+\/notice\/paper\/?$/,
];
/** Anonymous entry points: a login form or token exchange is tiny, and anyone can reach them. */
const SMALL_PATHS = [/^\/api\/proposals\/[^/]+\/sign-code\/?$/, /^\/api\/login\/?$/, /^\/api\/logout\/?$/, /^\/api\/auth\//, /^\/login(\/|$)/];

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function bodyLimitFor(pathname: string): number {
  if (UPLOAD_PATHS.some((p) => p.test(pathname))) return UPLOAD_BODY_BYTES;
  if (PROPOSAL_PATHS.some((p) => p.test(pathname))) return PROPOSAL_BODY_BYTES;
  if (SMALL_PATHS.some((p) => p.test(pathname))) return SMALL_BODY_BYTES;
  return DEFAULT_BODY_BYTES;
}

export function isStateChanging(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? "GET").toUpperCase());
}

/** Why a request is refused at the door, or null to let it in. */
export function refusalOf(req: Pick<IncomingMessage, "method" | "url" | "headers">): AppError | null {
  const pathname = pathOf(req.url);
  if (isStateChanging(req.method) && !isSameOriginRequest(req.headers)) {
    return new AppError("forbidden", "requests that change something must come from this site's own pages", { details: { reason: "cross_origin" } });
  }
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"] !== undefined) {
      return new AppError("invalid_input", "a request body must declare its length", { field: "content-length" });
    }
    return null;
  }
  const length = Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) return new AppError("invalid_input", "invalid Content-Length", { field: "content-length" });
  const limit = bodyLimitFor(pathname);
  if (length > limit) return new AppError("payload_too_large", `the request body is larger than ${limit} bytes`, { details: { limit } });
  return null;
}

/** The same door for a request as a route handler sees it (the write adapter asks again: server/web/writeRoute.ts). */
export function refusalOfRequest(request: Request): AppError | null {
  return refusalOf({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers) });
}

/**
 * Applies the door to a request: true when it was answered here (refused). A refused body is not read: the
 * connection is closed after the answer, so a client still sending 40 MB is cut off instead of being drained.
 */
export function gateRequest(req: IncomingMessage, res: ServerResponse): boolean {
  if (!trustsProxy()) delete req.headers["x-forwarded-host"];
  const refusal = refusalOf(req);
  if (!refusal) return false;
  const body = JSON.stringify({ ok: false, error: refusal.toJSON() });
  res.writeHead(refusal.httpStatus, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    connection: "close",
  });
  res.end(body, () => {
    // Give the answer a moment to leave, then drop whatever the client is still sending.
    setTimeout(() => req.socket.destroy(), 500).unref();
  });
  return true;
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? "/", "http://local").pathname;
  } catch {
    return "/";
  }
}
