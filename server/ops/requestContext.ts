/**
 * The request a piece of work belongs to (request id, where it came from), carried through async calls with
 * AsyncLocalStorage. The storage sits on globalThis: Next's bundle and the tsx server load separate copies of this
 * module, and a command run inside Next must see the id the custom server's HTTP handler gave the request.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { processSingleton } from "../singleton";

export type RequestContext = {
  requestId: string;
  /** "METHOD /path/with/:id" for HTTP, "socket <event>" for a socket event, "cli" for a tool. */
  route: string;
};

const KEY = "__yishiRequestContext";

function storage(): AsyncLocalStorage<RequestContext> {
  return processSingleton(KEY, () => new AsyncLocalStorage<RequestContext>());
}

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage().run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage().getStore();
}

export function newRequestId(): string {
  return randomUUID();
}

/** A request id a trusted proxy sent along, if it is a harmless token (it ends up in logs). */
export function acceptableRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9._:-]{8,100}$/.test(value) ? value : undefined;
}

const ID_SEGMENT = /^(c[a-z0-9]{20,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z0-9_-]{32,})$/;

/** "POST /api/admin/orgs/:id/people": the path without its ids or query, so that metric labels stay few. */
export function routeLabel(method: string | undefined, url: string | undefined): string {
  const pathname = (url ?? "/").split("?")[0] ?? "/";
  const segments = pathname.split("/").map((segment) => (ID_SEGMENT.test(segment) ? ":id" : segment));
  return `${method ?? "GET"} ${segments.join("/").slice(0, 120)}`;
}
