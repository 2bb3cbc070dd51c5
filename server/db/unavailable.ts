/**
 * Errors that mean "the database cannot be reached right now" (PostgreSQL restarting, a dropped connection, a pool
 * that cannot connect), not "this command is wrong". No imports: run.ts (also bundled by Next) uses it.
 */
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);
// SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now), 53300 (too many connections).
const UNAVAILABLE_SQLSTATE = /\b(08[0-9A-Z]{3}|57P0[1-3]|53300)\b/;
const UNAVAILABLE_MESSAGE =
  /connection terminated|not queryable|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery mode)|server closed the connection|can't reach database server|PGlite is closed/i;

/** Whether a failed command met an unreachable database (retryable), as opposed to a refusal or a bug. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== "object") return false;
  const e = error as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
  if (typeof e.code === "string" && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))) return true;
  if (typeof e.originalCode === "string" && UNAVAILABLE_SQLSTATE.test(e.originalCode)) return true;
  if (typeof e.message === "string" && (UNAVAILABLE_MESSAGE.test(e.message) || /Code: `(08[0-9A-Z]{3}|57P0[1-3]|53300)`/.test(e.message))) return true;
  const meta = e.meta !== null && typeof e.meta === "object" ? Object.values(e.meta) : [];
  return [e.cause, ...meta].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
