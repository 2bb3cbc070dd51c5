/**
 * Test factory: a fresh database opened in this process (PGlite in a temp data dir, or a fresh PostgreSQL database
 * beside DATABASE_URL), migrated, set as the runtime, with helpers to build an audit log through appendAuditMany and
 * to tamper with it as a superuser would (triggers bypassed). No server: tests that must own the database use this.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { type Database, openDatabase, withDedicatedConnection } from "../db/client";
import { migrate, type SqlRunner } from "../db/migrate";
import { setRuntime } from "../runtime";
import { seedPgliteDataDir } from "../testing/pgliteTemplate";
import { type AppendInput, appendAuditMany } from "./append";
import { entryFields } from "./testLog";

export type TestDb = {
  db: Database;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Runs statements on one connection of a normal session (the triggers apply). */
  asNormalSession(fn: (sql: SqlRunner) => Promise<void>): Promise<void>;
  /** Runs statements with triggers bypassed, as a superuser tampering with the table would. */
  asSuperuserBypassingTriggers(statements: string[]): Promise<void>;
  close(): Promise<void>;
};

export async function openTestDb(): Promise<TestDb> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-audit-"));
  const base = process.env.DATABASE_URL || undefined;
  const fresh = base ? await createFreshDatabase(base) : undefined;
  const databaseUrl = fresh?.url;
  if (!databaseUrl) seedPgliteDataDir(dataDir);
  const db = await openDatabase({ dataDir, databaseUrl });
  await withDedicatedConnection(db, databaseUrl, (sql) => migrate(sql));
  setRuntime({
    config: { port: 0, host: "127.0.0.1", dataDir, databaseUrl, demo: false, dev: false },
    db,
    version: "test",
    inFlight: new Set(),
    shuttingDown: false,
  });
  const oneConnection = (fn: (sql: SqlRunner) => Promise<void>) => withDedicatedConnection(db, databaseUrl, fn);
  return {
    db,
    dataDir,
    databaseUrl,
    asNormalSession: oneConnection,
    asSuperuserBypassingTriggers: (statements) =>
      oneConnection(async (sql) => {
        await sql.exec("SET session_replication_role = replica");
        try {
          for (const statement of statements) await sql.exec(statement);
        } finally {
          await sql.exec("SET session_replication_role = DEFAULT");
        }
      }),
    async close() {
      await db.close();
      await fresh?.drop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Appends `count` realistic entries (testLog.ts's cycle of actions) to an organization's log, in batches. */
export async function appendTestEntries(db: Database, orgId: string, count: number, batch = 500): Promise<void> {
  const start = await db.prisma.auditEntry.count({ where: { orgId } });
  for (let done = 0; done < count; done += batch) {
    const inputs: AppendInput[] = [];
    for (let i = done; i < Math.min(count, done + batch); i += 1) {
      const fields = entryFields(start + i, orgId);
      inputs.push({
        orgId,
        meetingId: fields.meeting,
        actor: fields.actor,
        action: fields.action,
        object: fields.object,
        data: fields.data,
        now: new Date(fields.ts),
      });
    }
    await db.prisma.$transaction((tx) => appendAuditMany(tx, inputs));
  }
}
