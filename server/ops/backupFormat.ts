/**
 * The backup file: an uncompressed tar (list it with `tar tvf`) holding
 *   manifest.json              what follows, written first
 *   datadir/audit-key.pem      the checkpoint signing key(s) (also when they came from YISHI_AUDIT_KEY)
 *   datadir/audit-heads.json   the signer's memory of its last signed tree heads, if any
 *   datadir/nextauth-secret    the session secret, if Yishi generated one
 *   datadir/id-number-key      the key of the 身份证号 hashes, if Yishi generated one
 * and the data, either
 *   pglite.tar.gz              the embedded database's data directory (PGlite dumpDataDir), or
 *   tables/NNN-<Table>.jsonl.gz one JSON row per line (row_to_json), parents before children (PostgreSQL)
 */
import { AUDIT_KEY_FILE } from "../audit/auditKey";
import { SIGNED_HEADS_FILE } from "../audit/signedHeads";
import { ID_NUMBER_KEY_FILE } from "../config";
import type { SequenceValue } from "./logicalCopy";

export const BACKUP_FORMAT = "yishi-backup";
export const BACKUP_VERSION = 1;
export const MANIFEST = "manifest.json";
export const PGLITE_MEMBER = "pglite.tar.gz";
export const AUTH_SECRET_FILE = "nextauth-secret";

/** Files of the data directory that a backup carries (the key first: it matters most). */
export const DATA_DIR_FILES = [AUDIT_KEY_FILE, SIGNED_HEADS_FILE, AUTH_SECRET_FILE, ID_NUMBER_KEY_FILE] as const;

export type TableEntry = { name: string; file: string; rows: number; sha256: string };

export type Manifest = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  kind: "pglite" | "logical";
  /** The database it was taken from. */
  source: "pglite" | "postgres";
  createdAt: string;
  yishiVersion: string;
  /** Migrations applied to the database when it was taken. */
  migrations: string[];
  keySource: "file" | "env";
  /** Raw Ed25519 public keys (base64) of the signing keys, oldest first. */
  publicKeys: string[];
  /** Logical backups: the tables in load order, with row counts and the SHA-256 of their JSON lines. */
  tables: TableEntry[];
  sequences: SequenceValue[];
  /** datadir/ members present. */
  files: string[];
};

export function parseManifest(text: string): Manifest {
  const value = JSON.parse(text) as Partial<Manifest>;
  if (value.format !== BACKUP_FORMAT) throw new Error("this is not a Yishi backup file (no yishi-backup manifest)");
  if (value.version !== BACKUP_VERSION) throw new Error(`backup format version ${String(value.version)} is not one this Yishi reads (${BACKUP_VERSION})`);
  if (value.kind !== "pglite" && value.kind !== "logical") throw new Error("the backup's manifest names no known kind");
  return { tables: [], sequences: [], files: [], publicKeys: [], migrations: [], ...value } as Manifest;
}

export function tableFileName(index: number, table: string): string {
  return `tables/${String(index).padStart(3, "0")}-${table}.jsonl.gz`;
}
