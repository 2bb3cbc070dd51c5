/**
 * What the permission matrix (server/auth/matrix.ts) must cover, read from the source tree: every exported command
 * function under server/commands (the `(input: unknown, …)` entry points), every event a socket module listens to,
 * and every API route plus every POST route under app/. Returns one line per thing without a row; empty when the
 * table is complete. Run by `server/auth/checkMatrix.ts` before every build and by the matrix test.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { INTERNAL_COMMANDS, OPEN_ROUTES, PERMISSIONS } from "./matrix";

const IGNORED_EVENTS = new Set(["disconnect", "disconnecting", "error"]);

function walk(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full, keep);
    return keep(full) ? [full] : [];
  });
}

const isSource = (file: string) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".d.ts");

export function commandFunctions(root: string): string[] {
  const names = walk(path.join(root, "server/commands"), isSource).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/export (?:async )?function (\w+)\(input: unknown\b/g)].map((m) => m[1] as string),
  );
  return [...new Set(names)].sort();
}

/** Events clients may send: `socket.on("…")`, `socket.on(MINUTES_EVENTS.key)`, `socket.on(LIVE_READS.key)` and the live meeting's table. */
export async function socketEvents(root: string): Promise<string[]> {
  const { MINUTES_EVENTS } = await import("../minutes/protocol");
  const { MEETING_EVENTS } = await import("../realtime/meetingRoom");
  const { LIVE_READS } = await import("../protocol/live");
  const events = new Set<string>(MEETING_EVENTS);
  for (const file of walk(path.join(root, "server/realtime"), isSource)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/socket\.on\(\s*"([^"]+)"/g)) events.add(m[1] as string);
    for (const m of text.matchAll(/socket\.on\(\s*MINUTES_EVENTS\.(\w+)/g)) events.add(MINUTES_EVENTS[m[1] as keyof typeof MINUTES_EVENTS]);
    for (const m of text.matchAll(/socket\.on\(\s*LIVE_READS\.(\w+)/g)) events.add(LIVE_READS[m[1] as keyof typeof LIVE_READS]);
  }
  return [...events].filter((event) => !IGNORED_EVENTS.has(event)).sort();
}

/** `METHOD /path` of every route handler that must have a row: all of app/api, and every POST elsewhere. */
export function routes(root: string): string[] {
  const appDir = path.join(root, "app");
  return walk(appDir, (file) => path.basename(file) === "route.ts").flatMap((file) => {
    const route = `/${path.relative(appDir, path.dirname(file)).split(path.sep).join("/")}`;
    const methods = [...readFileSync(file, "utf8").matchAll(/export (?:async )?(?:function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as string);
    // next-auth's handler is exported as `export { handler as GET, handler as POST }`.
    for (const m of readFileSync(file, "utf8").matchAll(/as (GET|POST)\b/g)) methods.push(m[1] as string);
    return methods.filter((method) => route.startsWith("/api/") || method !== "GET").map((method) => `${method} ${route}`);
  });
}

export async function matrixProblems(root: string): Promise<string[]> {
  const problems: string[] = [];
  const actions = new Set(PERMISSIONS.map((row) => row.action.replace(/ \(.*\)$/, "")));
  const channels = new Set(PERMISSIONS.flatMap((row) => row.via.map((via) => ("http" in via ? via.http : `socket ${via.socket}`))));
  for (const name of commandFunctions(root)) {
    if (!actions.has(name) && !(name in INTERNAL_COMMANDS)) problems.push(`command ${name} has no row in server/auth/matrix.ts`);
  }
  for (const event of await socketEvents(root)) {
    if (!channels.has(`socket ${event}`)) problems.push(`socket event ${event} has no row in server/auth/matrix.ts`);
  }
  const open = new Set<string>(OPEN_ROUTES);
  for (const route of routes(root)) {
    if (!channels.has(route) && !open.has(route)) problems.push(`route ${route} has no row in server/auth/matrix.ts`);
  }
  for (const row of PERMISSIONS) {
    if (row.via.length === 0) problems.push(`row ${row.action} names no way in`);
  }
  return problems;
}
