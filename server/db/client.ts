import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../generated/prisma/client";
import { StartupError } from "../config";
import { acquireDataDirLock } from "./lock";
import type { SqlRunner } from "./migrate";
import { refuseNulText } from "./textGuard";

export type Database = {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** Raw SQL outside Prisma: migrations, health checks, advisory locks. */
  sql: SqlRunner;
  /** PGlite only: a consistent copy of the data directory (tar.gz), for backups taken while the app runs. */
  dumpDataDir?(): Promise<Buffer>;
  close(): Promise<void>;
};

/** PGlite in `<dataDir>/pglite` (one process owns it: lock file), or PostgreSQL through @prisma/adapter-pg. */
export async function openDatabase(options: { dataDir: string; databaseUrl?: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

/**
 * PGlite's own start parameters, plus a smaller buffer pool (issue #24). PostgreSQL's default of 128 MB is zeroed at
 * start inside the WebAssembly memory — about 100 MB of resident memory and a large share of the start-up time on a
 * small laptop — while a village's whole database is a few tens of MB and its files stay in the OS page cache.
 */
const PGLITE_START = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

async function openPglite(dataDir: string): Promise<Database> {
  const releaseLock = acquireDataDirLock(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(path.join(dataDir, "pglite"), { startParams: PGLITE_START });
    await client.query("SELECT 1");
  } catch (error) {
    releaseLock();
    throw new StartupError(
      `无法打开内置数据库 ${path.join(dataDir, "pglite")}，数据目录可能已损坏: ${(error as Error).message ?? error}` +
        ` (cannot open the embedded database; the data directory may be corrupt — restore a backup or choose another YISHI_DATA_DIR)`,
    );
  }
  const prisma = refuseNulText(new PrismaClient({ adapter: new PrismaPGlite(client) }));
  const sql: SqlRunner = {
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query<T>(text, params)).rows;
    },
    async exec(text: string) {
      await client.exec(text);
    },
  };
  return {
    kind: "pglite",
    prisma,
    sql,
    async dumpDataDir() {
      await client.exec("CHECKPOINT");
      // Transactions hold this lock from BEGIN to COMMIT: while the files are copied, none is half done.
      const blob = await client._runExclusiveTransaction(() => client.dumpDataDir("gzip"));
      return Buffer.from(await blob.arrayBuffer());
    },
    async close() {
      await prisma.$disconnect();
      await client.close();
      releaseLock();
    },
  };
}

/** The PostgreSQL driver and its Prisma adapter load only for a PostgreSQL deployment (issue #24: start-up time). */
const postgresDriver = () => import("pg").then((m) => m.default);

async function openPostgres(databaseUrl: string): Promise<Database> {
  const [pg, { PrismaPg }] = await Promise.all([postgresDriver(), import("@prisma/adapter-pg")]);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server (a PostgreSQL restart) must not crash the process: the pool replaces it.
  pool.on("error", () => undefined);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    const host = safeHost(databaseUrl);
    throw new StartupError(
      `无法连接 PostgreSQL（${host}）: ${(error as Error).message}；请检查 DATABASE_URL 和数据库是否在运行。` +
        ` (cannot reach PostgreSQL; check DATABASE_URL and that the server is running)`,
    );
  }
  const prisma = refuseNulText(new PrismaClient({ adapter: new PrismaPg(pool) }));
  const sql: SqlRunner = {
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
  };
  return {
    kind: "postgres",
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** A runner on one dedicated connection: session-level locks (migration) need the same connection throughout. */
export async function withDedicatedConnection<T>(db: Database, databaseUrl: string | undefined, fn: (sql: SqlRunner) => Promise<T>): Promise<T> {
  if (db.kind === "pglite" || !databaseUrl) return fn(db.sql);
  const pg = await postgresDriver();
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await fn({
      async query<R>(text: string, params: unknown[] = []) {
        return (await client.query(text, params)).rows as R[];
      },
      async exec(text: string) {
        await client.query(text);
      },
    });
  } finally {
    await client.end();
  }
}

function safeHost(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "?";
  }
}
