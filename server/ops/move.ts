/**
 * `npm run move-to-postgres -- --to postgresql://…`: the embedded database (PGlite in <dataDir>/pglite) into an EMPTY
 * PostgreSQL database. The server must be stopped (it holds the data directory's lock). Our migrations are applied
 * there first, then every row is copied in one transaction (copyDatabase), then the move is checked: every table's
 * rows equal (count and digest of the rows' JSON), every audit entry's bytes equal, and every organization's log
 * verifies against the signing keys. If a check fails, what was written to PostgreSQL is dropped again; the
 * embedded database is never changed beyond the migrations the server would apply at its next start.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../../generated/prisma/client";
import { AUDIT_KEY_ENV, AUDIT_KEY_FILE, loadAuditKeys } from "../audit/auditKey";
import { streamEntryBytes } from "../audit/store";
import { StartupError } from "../config";
import { type Database, openDatabase, withDedicatedConnection } from "../db/client";
import { migrate, type SqlRunner } from "../db/migrate";
import { copyDatabase } from "./copyDatabase";
import { dropEverything, listTables, objectCount } from "./dbSchema";
import { tableDigest } from "./logicalCopy";
import { type Progress, silentProgress } from "./progress";
import { type LogCheck, orgsWithLogs, verifyAllLogs } from "./verifyLogs";

export type MoveResult = { tables: { name: string; rows: number }[]; logs: LogCheck[] };

async function digests(sql: SqlRunner): Promise<Map<string, { rows: number; sha256: string }>> {
  await sql.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const result = new Map<string, { rows: number; sha256: string }>();
    for (const table of await listTables(sql)) result.set(table.name, await tableDigest(sql, table));
    return result;
  } finally {
    await sql.exec("COMMIT");
  }
}

/** SHA-256 over every entry's bytes of every log, in seq order, with the count: the audit record byte for byte. */
export async function auditBytesDigest(prisma: PrismaClient): Promise<{ entries: number; sha256: string }> {
  const hash = createHash("sha256");
  let entries = 0;
  for (const orgId of await orgsWithLogs(prisma)) {
    hash.update(`${orgId}\n`);
    for await (const bytes of streamEntryBytes(orgId, prisma)) {
      hash.update(bytes).update("\n");
      entries += 1;
    }
  }
  return { entries, sha256: hash.digest("hex") };
}

async function checkMove(source: Database, target: Database, to: string, publicKeys: Buffer[], progress: (phase: string) => Progress): Promise<LogCheck[]> {
  const before = await digests(source.sql);
  const after = await withDedicatedConnection(target, to, digests);
  for (const [name, want] of before) {
    const got = after.get(name);
    if (!got || got.rows !== want.rows || got.sha256 !== want.sha256) {
      throw new Error(
        `table ${name}: PostgreSQL holds ${got?.rows ?? 0} rows (digest ${got?.sha256.slice(0, 12) ?? "-"}), the embedded database ${want.rows} (digest ${want.sha256.slice(0, 12)})`,
      );
    }
  }
  const [a, b] = [await auditBytesDigest(source.prisma), await auditBytesDigest(target.prisma)];
  if (a.entries !== b.entries || a.sha256 !== b.sha256) throw new Error(`the audit entries differ after the copy (${b.entries} of ${a.entries})`);
  const verifying = progress("verifying the audit logs");
  const total = (await orgsWithLogs(target.prisma)).length;
  let done = 0;
  const logs = await verifyAllLogs(target.prisma, publicKeys, () => verifying((done += 1), total));
  const bad = logs.find((l) => l.problem !== null);
  if (bad) throw new Error(`the audit log of organization ${bad.orgId} does not verify in PostgreSQL: ${bad.problem}`);
  return logs;
}

export async function moveToPostgres(options: {
  dataDir: string;
  to: string;
  env?: Readonly<Record<string, string | undefined>>;
  progress?: (phase: string) => Progress;
}): Promise<MoveResult> {
  const progress = options.progress ?? (() => silentProgress);
  const env = options.env ?? process.env;
  if (!existsSync(path.join(options.dataDir, "pglite"))) throw new Error(`there is no embedded database in ${options.dataDir} (no pglite folder)`);
  if (!env[AUDIT_KEY_ENV] && !existsSync(path.join(options.dataDir, AUDIT_KEY_FILE))) {
    throw new Error(`no audit signing key: neither ${AUDIT_KEY_ENV} nor ${path.join(options.dataDir, AUDIT_KEY_FILE)}; the log could not be verified`);
  }
  const publicKeys = loadAuditKeys({ dataDir: options.dataDir, env }).keys.map((k) => k.publicKey);
  let source: Database;
  try {
    source = await openDatabase({ dataDir: options.dataDir });
  } catch (error) {
    if (error instanceof StartupError) {
      throw new Error(
        `${error.message}\n先停止议事服务器（它持有内置数据库的锁），再运行本命令。Stop the Yishi server first: it holds the embedded database's lock.`,
      );
    }
    throw error;
  }
  let target: Database | undefined;
  let wrote = false;
  try {
    await migrate(source.sql);
    target = await openDatabase({ dataDir: options.dataDir, databaseUrl: options.to });
    const empty = await withDedicatedConnection(target, options.to, objectCount);
    if (empty > 0)
      throw new Error(`the PostgreSQL database is not empty (${empty} tables, indexes or types in schema public); create a new, empty database and try again`);
    wrote = true;
    const tables = await copyDatabase({ db: source }, { db: target, url: options.to }, progress("copying"));
    const logs = await checkMove(source, target, options.to, publicKeys, progress);
    return { tables, logs };
  } catch (error) {
    if (target && wrote) await withDedicatedConnection(target, options.to, dropEverything).catch(() => undefined);
    throw error;
  } finally {
    await target?.close().catch(() => undefined);
    await source.close().catch(() => undefined);
  }
}
