import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { StartupError } from "../config";

/** The smallest surface both PGlite and a pg client offer: run SQL text, get rows back. */
export type SqlRunner = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements. */
  exec(sql: string): Promise<void>;
};

export type Migration = { name: string; sql: string; checksum: string };

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => {
      const sql = readFileSync(path.join(dir, entry.name, "migration.sql"), "utf8");
      return { name: entry.name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

// The same table `prisma migrate deploy` keeps, so that Prisma's own tools read our history.
const TRACKING_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works as long as every node uses the same one: it serializes start-up migration across nodes.
const MIGRATION_LOCK_KEY = 4_242_017;

/**
 * Applies every committed migration that the database lacks, each in its own transaction with its tracking row.
 * Several nodes starting at once take turns on a session advisory lock, released before returning.
 * Refuses to run against a database migrated by a newer Yishi (a migration it does not know).
 */
export async function migrate(db: SqlRunner, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  await db.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await db.exec(TRACKING_TABLE);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const known = new Map(migrations.map((m) => [m.name, m]));
    const unknown = rows.filter((row) => row.finished_at !== null && !known.has(row.migration_name));
    if (unknown.length > 0) {
      throw new StartupError(
        `数据库由更新版本的议事迁移过（${unknown[0]?.migration_name}），请升级本程序后再启动。` +
          ` (The database was migrated by a newer Yishi; upgrade before starting.)`,
      );
    }
    const done = new Set(rows.filter((row) => row.finished_at !== null).map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      const id = randomUUID();
      await db.exec("BEGIN");
      try {
        await db.exec(migration.sql);
        await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`, [
          id,
          migration.checksum,
          migration.name,
        ]);
        await db.exec("COMMIT");
      } catch (error) {
        await db.exec("ROLLBACK");
        throw new StartupError(`迁移 ${migration.name} 失败: ${(error as Error).message} (migration failed)`);
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await db.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}
