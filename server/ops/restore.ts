/**
 * `npm run restore -- FILE`: puts a backup into an EMPTY data directory (PGlite) or an EMPTY PostgreSQL database
 * (DATABASE_URL), then checks every audit log against the signing keys the backup carries and — for a logical
 * backup — every table against the row counts and digests in its manifest. If anything does not check, what the
 * restore wrote is removed again and it fails: a half-restored or unverifiable record is never left behind.
 */
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { AUDIT_KEY_ENV, AUDIT_KEY_FILE, parseAuditKeyEnv, parseAuditKeys } from "../audit/auditKey";
import { type Database, openDatabase, withDedicatedConnection } from "../db/client";
import { migrate, type SqlRunner } from "../db/migrate";
import { MANIFEST, type Manifest, PGLITE_MEMBER, parseManifest } from "./backupFormat";
import { assertEmpty, copyDatabase, knownMigrations } from "./copyDatabase";
import { dropEverything, listTables } from "./dbSchema";
import { insertRows, tableDigest, writeSequences } from "./logicalCopy";
import { type Progress, silentProgress } from "./progress";
import { extractTar } from "./tar";
import { type LogCheck, verifyAllLogs } from "./verifyLogs";

export type RestoreOptions = {
  file: string;
  dataDir: string;
  databaseUrl?: string;
  env?: Readonly<Record<string, string | undefined>>;
  progress?: (phase: string) => Progress;
};

export type RestoreResult = { manifest: Manifest; logs: LogCheck[]; tables: { name: string; rows: number }[] };

async function* linesOf(file: string): AsyncGenerator<string[]> {
  let rest = "";
  // setEncoding decodes across chunk boundaries: a character split between two chunks stays whole.
  for await (const chunk of createReadStream(file).pipe(createGunzip()).setEncoding("utf8")) {
    const text = rest + (chunk as string);
    const lines = text.split("\n");
    rest = lines.pop() ?? "";
    if (lines.length > 0) yield lines;
  }
  if (rest !== "") yield [rest];
}

async function loadLogical(sql: SqlRunner, staging: string, manifest: Manifest, progress: Progress): Promise<{ name: string; rows: number }[]> {
  await migrate(sql, knownMigrations(manifest.migrations));
  const tables = await listTables(sql);
  const total = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  let done = 0;
  const loaded: { name: string; rows: number }[] = [];
  await sql.exec("BEGIN");
  try {
    for (const entry of manifest.tables) {
      const table = tables.find((t) => t.name === entry.name);
      if (!table) throw new Error(`the backup has table ${entry.name}, which its migrations do not create`);
      const rows = await insertRows(sql, table, linesOf(path.join(staging, entry.file)), (n) => progress((done += n), total));
      loaded.push({ name: entry.name, rows });
    }
    await writeSequences(sql, manifest.sequences);
    for (const entry of manifest.tables) {
      const table = tables.find((t) => t.name === entry.name);
      const digest = table ? await tableDigest(sql, table) : null;
      if (!digest || digest.rows !== entry.rows || digest.sha256 !== entry.sha256) {
        throw new Error(
          `table ${entry.name}: the restored rows differ from the backup (${digest?.rows ?? 0} of ${entry.rows} rows, digest ${digest?.sha256.slice(0, 12)} ≠ ${entry.sha256.slice(0, 12)})`,
        );
      }
    }
    await sql.exec("COMMIT");
  } catch (error) {
    await sql.exec("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return loaded;
}

/** The backup's keys; with YISHI_AUDIT_KEY set here, it must hold every one of them (it stays the key source). */
function keysFor(staging: string, manifest: Manifest, env: Readonly<Record<string, string | undefined>>): { publicKeys: Buffer[]; writeKeyFile: boolean } {
  const backupKeys = parseAuditKeys(readFileSync(path.join(staging, "datadir", AUDIT_KEY_FILE), "utf8"), "the backup's audit-key.pem");
  const publicKeys = backupKeys.map((k) => k.publicKey);
  if (publicKeys.map((k) => k.toString("base64")).join() !== manifest.publicKeys.join()) throw new Error("the backup's key file does not match its manifest");
  const fromEnv = env[AUDIT_KEY_ENV]?.trim();
  if (!fromEnv) return { publicKeys, writeKeyFile: true };
  const envKeys = parseAuditKeyEnv(fromEnv).map((k) => k.publicKey.toString("base64"));
  if (!manifest.publicKeys.every((k) => envKeys.includes(k))) {
    throw new Error(
      `${AUDIT_KEY_ENV} is set here but lacks the backup's signing key(s): unset it to restore the backup's key file, or set it to the backup's keys`,
    );
  }
  return { publicKeys, writeKeyFile: false };
}

/** Which data-directory files the restore may write: never over a file that is there, except nothing for PGlite (empty dir). */
function checkDataDir(dataDir: string, staging: string, toPostgres: boolean): void {
  if (!existsSync(dataDir)) return;
  const present = readdirSync(dataDir);
  if (!toPostgres) {
    if (present.length > 0) throw new Error(`the data directory ${dataDir} is not empty; restore into an empty directory (set YISHI_DATA_DIR or --data-dir)`);
    return;
  }
  const key = path.join(dataDir, AUDIT_KEY_FILE);
  if (existsSync(key) && readFileSync(key, "utf8") !== readFileSync(path.join(staging, "datadir", AUDIT_KEY_FILE), "utf8")) {
    throw new Error(`${key} holds another signing key than the backup; move it away first (keep it: it signed other checkpoints)`);
  }
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const phase = options.progress ?? (() => silentProgress);
  const env = options.env ?? process.env;
  const staging = await mkdtemp(path.join(tmpdir(), "yishi-restore-"));
  const toPostgres = Boolean(options.databaseUrl);
  const createdDataDir = !existsSync(options.dataDir);
  const written: string[] = [];
  let target: Database | undefined;
  let source: Database | undefined;
  let loadedAnything = false;
  let ownsDataDir = false;
  try {
    const size = statSync(options.file).size;
    const reading = phase("reading the backup");
    await extractTar(createReadStream(options.file), staging, (n) => reading(n, size));
    const manifest = parseManifest(readFileSync(path.join(staging, MANIFEST), "utf8"));
    knownMigrations(manifest.migrations);
    const keys = keysFor(staging, manifest, env);
    checkDataDir(options.dataDir, staging, toPostgres);
    ownsDataDir = !toPostgres;
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });

    const loading = phase("restoring the database");
    let tables: { name: string; rows: number }[] = [];
    if (toPostgres) {
      target = await openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
      await withDedicatedConnection(target, options.databaseUrl, (sql) => assertEmpty(sql, "the database DATABASE_URL names"));
      loadedAnything = true;
      if (manifest.kind === "logical") {
        tables = await withDedicatedConnection(target, options.databaseUrl, (sql) => loadLogical(sql, staging, manifest, loading));
      } else {
        const dir = path.join(staging, "embedded");
        mkdirSync(dir, { recursive: true });
        const pglite = await PGlite.create(path.join(dir, "pglite"), { loadDataDir: new Blob([readFileSync(path.join(staging, PGLITE_MEMBER))]) });
        await pglite.close();
        source = await openDatabase({ dataDir: dir });
        tables = await copyDatabase({ db: source }, { db: target, url: options.databaseUrl }, loading);
      }
    } else {
      loadedAnything = true;
      if (manifest.kind === "pglite") {
        const pglite = await PGlite.create(path.join(options.dataDir, "pglite"), { loadDataDir: new Blob([readFileSync(path.join(staging, PGLITE_MEMBER))]) });
        await pglite.close();
        loading(1, 1);
        target = await openDatabase({ dataDir: options.dataDir });
      } else {
        target = await openDatabase({ dataDir: options.dataDir });
        tables = await loadLogical(target.sql, staging, manifest, loading);
      }
    }

    for (const name of manifest.files) {
      const file = path.join(options.dataDir, name);
      if (existsSync(file) || (name === AUDIT_KEY_FILE && !keys.writeKeyFile)) continue;
      writeFileSync(file, readFileSync(path.join(staging, "datadir", name)), { mode: 0o600, flag: "wx" });
      written.push(file);
    }

    const verifying = phase("verifying the audit logs");
    const orgs = await target.prisma.auditEntry.groupBy({ by: ["orgId"] });
    let checked = 0;
    const logs = await verifyAllLogs(target.prisma, keys.publicKeys, () => verifying((checked += 1), orgs.length));
    verifying(1, 1);
    const bad = logs.find((l) => l.problem !== null);
    if (bad) throw new Error(`the audit log of organization ${bad.orgId} does not verify: ${bad.problem}`);
    return { manifest, logs, tables };
  } catch (error) {
    await undo({ target, options, createdDataDir, written, loadedAnything, ownsDataDir });
    target = undefined;
    throw error;
  } finally {
    await source?.close().catch(() => undefined);
    await target?.close().catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
  }
}

async function undo(state: {
  target: Database | undefined;
  options: RestoreOptions;
  createdDataDir: boolean;
  written: string[];
  loadedAnything: boolean;
  ownsDataDir: boolean;
}): Promise<void> {
  const { target, options } = state;
  if (options.databaseUrl && target && state.loadedAnything) {
    await withDedicatedConnection(target, options.databaseUrl, (sql) => dropEverything(sql)).catch(() => undefined);
  }
  await target?.close().catch(() => undefined);
  for (const file of state.written) rmSync(file, { force: true });
  if (state.ownsDataDir) {
    // The directory was empty (or absent) before: leave it so.
    if (state.createdDataDir) rmSync(options.dataDir, { recursive: true, force: true });
    else if (existsSync(options.dataDir))
      for (const name of readdirSync(options.dataDir)) rmSync(path.join(options.dataDir, name), { recursive: true, force: true });
  }
}
