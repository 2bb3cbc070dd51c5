/**
 * The one Yishi process: configuration, database + migrations, demo seed, Next.js and Socket.IO on one port.
 * `npm start` (tsx server/index.ts --serve) builds the web app first when its sources changed.
 */

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import nextEnv from "@next/env";
import next from "next";
import { startCheckpointer, stopCheckpointer, witnessAllLogs } from "./audit/checkpointer";
import { type Config, ensureAuthSecret, ensureDataDir, readConfig, StartupError } from "./config";
import { type Database, openDatabase, withDedicatedConnection } from "./db/client";
import { migrate } from "./db/migrate";
import { grantAppRole, refuseUnsafeRole, roleFacts } from "./db/role";
import { registerListeners } from "./listeners";
import { startOutbox, stopOutbox } from "./notify/outbox";
import { errorFields, logger } from "./ops/logger";
import { installMetrics } from "./ops/metrics";
import { ensureOpsToken, publishOpsEndpoint, withdrawOpsEndpoint } from "./ops/opsEndpoint";
import { handleOpsRequest } from "./ops/opsHttp";
import { acceptableRequestId, newRequestId, routeLabel, runInRequest } from "./ops/requestContext";
import { startAlertRefresher, stopAlertRefresher } from "./queries/alertRefresh";
import { createSocketServer } from "./realtime/io";
import { SOCKET_MODULES } from "./realtime/modules";
import { connectRedis } from "./realtime/redis";
import { type Runtime, setRuntime } from "./runtime";
import { gateRequest } from "./web/requestGate";
import { warmUp } from "./web/warmUp";
import { startTownshipWitnesses, type TownshipWitnesses, townshipWitnessEnabled } from "./witness/township";

/** Longer than nginx's upstream keepalive_timeout (60 s by default, deploy/nginx/yishi.conf). */
const KEEP_ALIVE_MS = 65_000;

/** How long after listening the township's witness opens its database (before the warm-up's WARM_UP_DELAY_MS). */
const WITNESS_DELAY_MS = 1_500;

async function main(): Promise<void> {
  // Start-up phases, logged once ready (issue #24: the room is dark until a restarted server answers again).
  const phases: Record<string, number> = { modules: Math.round(performance.now()) };
  const rssMb = () => Math.round(process.memoryUsage.rss() / 1_048_576);
  const residentMb: Record<string, number> = { modules: rssMb() };
  let phaseStart = performance.now();
  const phase = (name: string) => {
    phases[name] = Math.round(performance.now() - phaseStart);
    residentMb[name] = rssMb();
    phaseStart = performance.now();
  };
  // .env files load only inside app.prepare(); read them first, so DATABASE_URL etc. work from .env too.
  nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV === "development");
  const config = readConfig();
  ensureDataDir(config.dataDir);
  process.env.NEXTAUTH_SECRET = ensureAuthSecret(config.dataDir);
  // Without NEXTAUTH_URL next-auth takes the origin from the request (phones on a hall's LAN reach us by IP).
  if (!process.env.NEXTAUTH_URL) {
    // An empty value is "unset": next-auth would try to parse it as a URL.
    delete process.env.NEXTAUTH_URL;
    process.env.AUTH_TRUST_HOST = "true";
  }

  if (process.argv.includes("--serve") && !config.dev) {
    const { buildIfNeeded } = await import("../scripts/buildIfNeeded.mjs");
    buildIfNeeded();
    phase("build_check");
  }

  // The web app's build is checked before anything opens.
  if (!config.dev) {
    const { currentDistDir } = await import("../scripts/buildIfNeeded.mjs");
    const distDir = currentDistDir();
    if (!distDir) throw new StartupError("还没有构建界面：请运行 npm start（会自动构建）或 npm run build。 (no build yet: run npm start or npm run build)");
    process.env.YISHI_DIST_DIR = distDir;
  }
  const app = next({ dev: config.dev, dir: process.cwd(), hostname: config.host, port: config.port });
  let nextMs = 0;
  let prepared: Promise<void> | undefined;

  const redis = config.redisUrl ? await connectRedis(config.redisUrl) : undefined;
  const db = await openDatabase(config).catch(async (error: unknown) => {
    await redis?.close();
    throw error;
  });
  phase("db_open");
  let runtime: Runtime | undefined;
  try {
    await prepareDatabase(db, config);
    phase("migrate");
    // Next prepares (loading its server modules) while the demo is checked and the runtime set up: neither waits for
    // the other, and nothing is answered before both are ready. Not earlier: a start refused for its database must
    // print its one line and nothing of Next's.
    const nextStarted = performance.now();
    prepared = app.prepare().then(() => {
      nextMs = Math.round(performance.now() - nextStarted);
    });
    // Awaited below; a failure before that point must not also surface as an unhandled rejection.
    prepared.catch(() => undefined);
    runtime = {
      config,
      db,
      version: (JSON.parse(readFileSync(path.resolve("package.json"), "utf8")) as { version: string }).version,
      inFlight: new Set(),
      shuttingDown: false,
    };
    setRuntime(runtime);
    installMetrics();
    ensureOpsToken(config.dataDir);
    registerListeners();
    if (config.demo) {
      const { seedDemoIfEmpty } = await import("../prisma/seed");
      const seeded = await seedDemoIfEmpty();
      if (seeded) logger().info("已创建演示村 demo village created (YISHI_DEMO=0 turns demo mode off)");
      phase("demo");
    }
    // Decisions announced before certificates existed get theirs (issue #23): appended entries, none on a second start.
    const { certifyPastDecisions } = await import("./commands/matter/certifyPastDecisions");
    const certified = await certifyPastDecisions();
    if (certified.length > 0) logger().info({ certified: certified.length }, "已为此前的决议补发凭证 past decisions certified");
    phase("certify_backfill");
  } catch (error) {
    await db.close().catch(() => undefined);
    await redis?.close();
    throw error;
  }

  await prepared;
  phase("next_wait");
  phases.next_prepare = nextMs;
  const handle = app.getRequestHandler();
  const httpServer = createServer((req, res) => {
    // The client's address for throttling and logs: the TCP peer, or the first X-Forwarded-For hop behind a trusted proxy.
    const forwarded = req.headers["x-forwarded-for"];
    const viaProxy = process.env.YISHI_TRUST_PROXY === "1" && typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
    req.headers["x-yishi-client-ip"] = viaProxy ?? req.socket.remoteAddress ?? "unknown";
    // One same-origin rule and one body limit for every request, before anything reads it (server/web/requestGate.ts).
    if (gateRequest(req, res)) return;
    // /metrics and the operator tools' /ops/* are answered here, before Next (server/ops/opsHttp.ts).
    if (handleOpsRequest(req, res)) return;
    const trusted = process.env.YISHI_TRUST_PROXY === "1" ? acceptableRequestId(req.headers["x-request-id"]) : undefined;
    const requestId = trusted ?? newRequestId();
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    runInRequest({ requestId, route: routeLabel(req.method, req.url) }, () => void handle(req, res));
  });
  // An idle keep-alive connection stays open longer than any client keeps one (fetch 4 s, nginx's upstream pool 60 s):
  // the client always closes first, so it never sends a request on a socket we are closing at that moment (seen as a
  // reset connection on a login under heavy load).
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  httpServer.headersTimeout = KEEP_ALIVE_MS + 5_000;
  const io = createSocketServer(httpServer, SOCKET_MODULES);
  runtime.io = io;
  redis?.attach(io);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  phase("listen");
  startCheckpointer();
  startOutbox();
  startAlertRefresher();
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const shownHost = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;
  logger().info(`议事 Yishi ${runtime.version} — http://${shownHost}:${port} (${db.kind}${config.redisUrl ? " + redis" : ""})`);
  const localUrl = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;
  publishOpsEndpoint(config.dataDir, localUrl);
  // A machine-readable line for tests and scripts that start us on port 0: plain stdout, never a log record.
  console.log(`YISHI_LISTENING http://${shownHost}:${port}`);
  logger().info({ startup_ms: { ...phases, total: Math.round(performance.now()) }, startup_rss_mb: residentMb }, "启动完成 started");
  // The hall's first pages load their modules now, in the background, rather than on their first visitor.
  if (config.warmUp) void warmUp(localUrl, () => runtime.shuttingDown);

  // The township's witness (issue #21) starts a moment after listening: opening its embedded database takes about
  // half a second of the one JavaScript thread, which the phones reconnecting after a restart need first (issue #24).
  // Its first round catches up with every log's latest checkpoint (the seed's too). The shutdown is installed first:
  // a SIGTERM while the witness is still opening its database must stop the server cleanly, not kill it.
  const townshipWitnesses: Promise<TownshipWitnesses | undefined> = townshipWitnessEnabled()
    ? new Promise<void>((resolve) => setTimeout(resolve, WITNESS_DELAY_MS)).then(() =>
        runtime.shuttingDown ? undefined : startTownshipWitnesses({ dataDir: config.dataDir }),
      )
    : Promise.resolve(undefined);
  installShutdown(runtime, db, async () => {
    io.close();
    await stopCheckpointer();
    const witnesses = await townshipWitnesses.catch(() => undefined);
    await witnesses?.close().catch((error: unknown) => logger().error(errorFields(error), "closing the township witness failed"));
    await stopOutbox();
    await stopAlertRefresher();
    withdrawOpsEndpoint(config.dataDir);
    await redis?.close();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  });
  const started = await townshipWitnesses.catch((error: unknown) => {
    throw new StartupError(`镇街见证无法启动 township witness: ${(error as Error).message}`);
  });
  if (started) void witnessAllLogs();
}

/** SIGTERM/SIGINT: stop taking work, let commands in flight finish, then close the database. */
function installShutdown(runtime: Runtime, db: Database, closeTransport: () => Promise<void>): void {
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    runtime.shuttingDown = true;
    logger().info(`${signal}: 正在停止 shutting down…`);
    const transportClosed = closeTransport();
    await Promise.allSettled([...runtime.inFlight]);
    await Promise.race([transportClosed, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    await (await import("./minutes")).flushAllMinutes().catch((error: unknown) => logger().error(errorFields(error), "storing the minutes failed"));
    await db.close().catch((error: unknown) => logger().error(errorFields(error), "closing the database failed"));
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

// A failed start prints one plain line for the operator's terminal (the tests count it): no logger may exist yet.
main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    console.error(`议事无法启动: ${error.message}`);
  } else {
    console.error(`议事无法启动 (Yishi cannot start): ${(error as Error)?.message ?? String(error)}`);
  }
  process.exit(1);
});

/**
 * PostgreSQL: refuse a superuser or BYPASSRLS role (row-level security would not bind it), then migrate — as the
 * tables' owner when YISHI_MIGRATE_URL names one, granting the app's role its rights afterwards. PGlite is embedded:
 * one process, one role, nothing to separate.
 */
async function prepareDatabase(db: Database, config: Config): Promise<void> {
  if (db.kind === "pglite") {
    await migrate(db.sql);
    return;
  }
  const app = await roleFacts(db.sql);
  refuseUnsafeRole(app, config.allowSuperuser === true);
  if (!config.migrateUrl) {
    await withDedicatedConnection(db, config.databaseUrl, (sql) => migrate(sql));
    return;
  }
  await withDedicatedConnection(db, config.migrateUrl, async (owner) => {
    await migrate(owner);
    if ((await roleFacts(owner)).name !== app.name) await grantAppRole(owner, app.name);
  });
}
