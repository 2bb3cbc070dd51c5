/**
 * The requests the custom server answers itself, before Next (server/index.ts): GET /metrics, and the operator
 * tools' POST /ops/backup and POST /ops/rotate-key (same machine + the data directory's ops token). Returns false
 * for every other request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { currentDb } from "../db";
import { getRuntime } from "../runtime";
import { prepareBackup } from "./backup";
import { errorFields, logger } from "./logger";
import { metricsText } from "./metrics";
import { bearerMatches, cameThroughProxy, metricsAccess } from "./metricsAccess";
import { ensureOpsToken, isSameMachine } from "./opsEndpoint";
import { rotateAuditKey } from "./rotateKey";
import { writeTar } from "./tar";

type Busy = { busy: boolean };
const state: Busy = { busy: false };

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(body);
}

async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const access = metricsAccess(
    req.socket.remoteAddress,
    req.headers.authorization,
    process.env.YISHI_METRICS_TOKEN || undefined,
    cameThroughProxy(req.headers),
  );
  if (!access.allowed) {
    const headers: Record<string, string> = access.status === 401 ? { "www-authenticate": 'Bearer realm="yishi-metrics"' } : {};
    send(res, access.status, access.status === 401 ? "metrics need the bearer token\n" : "metrics are served to this machine only\n", headers);
    return;
  }
  const { contentType, body } = await metricsText();
  send(res, 200, body, { "content-type": contentType });
}

async function serveBackup(res: ServerResponse): Promise<void> {
  const runtime = getRuntime();
  const prepared = await prepareBackup({ db: currentDb(), databaseUrl: runtime.config.databaseUrl, dataDir: runtime.config.dataDir, version: runtime.version });
  try {
    res.writeHead(200, { "content-type": "application/x-tar", "content-length": String(prepared.size), "x-yishi-backup-kind": prepared.manifest.kind });
    await writeTar(res, prepared.members);
    res.end();
    logger().info({ kind: prepared.manifest.kind, bytes: prepared.size }, "backup taken");
  } finally {
    await prepared.cleanup();
  }
}

async function serveOps(req: IncomingMessage, res: ServerResponse, action: string): Promise<void> {
  const runtime = getRuntime();
  const token = ensureOpsToken(runtime.config.dataDir);
  if (req.method !== "POST") return send(res, 405, "POST only\n");
  const local = isSameMachine(req.socket.remoteAddress) && !cameThroughProxy(req.headers);
  if (!local || !bearerMatches(req.headers.authorization, token)) return send(res, 403, "operator tools only\n");
  if (runtime.shuttingDown) return send(res, 503, "shutting down\n");
  if (state.busy) return send(res, 409, "another backup or key rotation is under way\n");
  state.busy = true;
  try {
    if (action === "backup") await serveBackup(res);
    else if (action === "rotate-key" || action === "record-key") {
      const result = await rotateAuditKey({ record: action === "record-key" });
      send(res, 200, JSON.stringify(result), { "content-type": "application/json" });
    } else send(res, 404, "unknown operation\n");
  } finally {
    state.busy = false;
  }
}

export function handleOpsRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const pathname = (req.url ?? "/").split("?")[0];
  let work: Promise<void> | null = null;
  if (pathname === "/metrics" && (req.method === "GET" || req.method === "HEAD")) work = serveMetrics(req, res);
  else if (pathname?.startsWith("/ops/")) work = serveOps(req, res, pathname.slice("/ops/".length));
  if (!work) return false;
  work.catch((error: unknown) => {
    logger().error({ ...errorFields(error), path: pathname }, "operator request failed");
    if (!res.headersSent) send(res, 500, `${(error as Error).message}\n`);
    else res.destroy();
  });
  return true;
}
