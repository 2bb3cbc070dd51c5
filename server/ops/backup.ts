/**
 * Takes a backup while the app runs (docs/operations.md): every unsigned audit entry gets a checkpoint first, then
 *  - PGlite: the running server copies its data directory with dumpDataDir (no transaction is open meanwhile);
 *  - PostgreSQL: a logical dump of every table inside one REPEATABLE READ READ ONLY transaction (one snapshot),
 * plus the signing key(s) and the other files of the data directory that a restore needs. The result is a list of
 * tar members whose total size is known before anything is written (progress, Content-Length).
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGzip } from "node:zlib";
import { AUDIT_KEY_FILE } from "../audit/auditKey";
import { auditKeys } from "../audit/auditSigner";
import { checkpointAllOrgs } from "../audit/checkpointer";
import type { Database } from "../db/client";
import { withDedicatedConnection } from "../db/client";
import type { SqlRunner } from "../db/migrate";
import { BACKUP_FORMAT, BACKUP_VERSION, DATA_DIR_FILES, MANIFEST, type Manifest, PGLITE_MEMBER, type TableEntry, tableFileName } from "./backupFormat";
import { appliedMigrations, listSequences, listTables, quoteIdent } from "./dbSchema";
import { readRows, readSequences } from "./logicalCopy";
import { type Progress, silentProgress } from "./progress";
import { type TarMember, tarSize } from "./tar";

export type PreparedBackup = { manifest: Manifest; members: TarMember[]; size: number; cleanup(): Promise<void> };

export type BackupOptions = {
  db: Database;
  databaseUrl?: string;
  dataDir: string;
  version: string;
  progress?: Progress;
  /** A logical dump of PGlite too (portable; only where nothing else uses the database, e.g. tests and tools). */
  logical?: boolean;
};

function keyMembers(dataDir: string): { members: TarMember[]; files: string[]; keySource: "file" | "env"; publicKeys: string[] } {
  const { keys, source } = auditKeys();
  const pem = keys.map((k) => k.privateKey.export({ format: "pem", type: "pkcs8" }).toString()).join("");
  const members: TarMember[] = [{ name: `datadir/${AUDIT_KEY_FILE}`, size: Buffer.byteLength(pem), source: Buffer.from(pem) }];
  for (const name of DATA_DIR_FILES.filter((f) => f !== AUDIT_KEY_FILE)) {
    const file = path.join(dataDir, name);
    if (existsSync(file)) {
      const bytes = readFileSync(file);
      members.push({ name: `datadir/${name}`, size: bytes.length, source: bytes });
    }
  }
  return {
    members,
    files: members.map((m) => m.name.slice("datadir/".length)),
    keySource: source.kind,
    publicKeys: keys.map((k) => k.publicKey.toString("base64")),
  };
}

async function dumpTables(
  sql: SqlRunner,
  staging: string,
  progress: Progress,
): Promise<{ tables: TableEntry[]; members: TarMember[]; manifest: Pick<Manifest, "migrations" | "sequences"> }> {
  await sql.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const tables = await listTables(sql);
    const counts = new Map<string, number>();
    for (const table of tables) {
      const [row] = await sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM public.${quoteIdent(table.name)}`);
      counts.set(table.name, Number(row?.n ?? 0));
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    let done = 0;
    const entries: TableEntry[] = [];
    const members: TarMember[] = [];
    for (const [index, table] of tables.entries()) {
      const name = tableFileName(index + 1, table.name);
      const file = path.join(staging, `${index + 1}.jsonl.gz`);
      const gzip = createGzip({ level: 6 });
      const out = createWriteStream(file, { mode: 0o600 });
      gzip.pipe(out);
      const hash = createHash("sha256");
      let rows = 0;
      for await (const page of readRows(sql, table)) {
        const text = `${page.join("\n")}\n`;
        hash.update(text);
        if (!gzip.write(text)) await once(gzip, "drain");
        rows += page.length;
        done += page.length;
        progress(done, total);
      }
      gzip.end();
      await once(out, "close");
      entries.push({ name: table.name, file: name, rows, sha256: hash.digest("hex") });
      members.push({ name, size: statSync(file).size, source: file });
    }
    const sequences = await readSequences(sql, await listSequences(sql));
    const migrations = await appliedMigrations(sql);
    progress(total, total);
    return { tables: entries, members, manifest: { migrations, sequences } };
  } finally {
    await sql.exec("COMMIT");
  }
}

export async function prepareBackup(options: BackupOptions): Promise<PreparedBackup> {
  const progress = options.progress ?? silentProgress;
  const { failed } = await checkpointAllOrgs();
  if (failed.length > 0) throw new Error(`the audit log of organization ${failed[0]?.orgId} cannot be signed: ${failed[0]?.message}`);
  const keys = keyMembers(options.dataDir);
  const staging = await mkdtemp(path.join(tmpdir(), "yishi-backup-"));
  const cleanup = () => rm(staging, { recursive: true, force: true });
  try {
    const base = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      source: options.db.kind,
      createdAt: new Date().toISOString(),
      yishiVersion: options.version,
      keySource: keys.keySource,
      publicKeys: keys.publicKeys,
      files: keys.files,
    } as const;
    let manifest: Manifest;
    let data: TarMember[];
    if (options.db.kind === "pglite" && options.db.dumpDataDir && !options.logical) {
      const migrations = await appliedMigrations(options.db.sql);
      progress(0, 1);
      const dump = await options.db.dumpDataDir();
      progress(1, 1);
      manifest = { ...base, kind: "pglite", migrations, tables: [], sequences: [] };
      data = [{ name: PGLITE_MEMBER, size: dump.length, source: dump }];
    } else {
      const dumped = await withDedicatedConnection(options.db, options.databaseUrl, (sql) => dumpTables(sql, staging, progress));
      manifest = { ...base, kind: "logical", ...dumped.manifest, tables: dumped.tables };
      data = dumped.members;
    }
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
    const members = [{ name: MANIFEST, size: manifestBytes.length, source: manifestBytes }, ...keys.members, ...data];
    return { manifest, members, size: tarSize(members), cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
