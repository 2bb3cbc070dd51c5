/**
 * The witness's durable state, in its own tables: per log the latest checkpoint it cosigned, and the refusals it
 * kept as evidence. PGlite (embedded, in the witness's data directory) or PostgreSQL; both take the same SQL.
 *
 * The one rule that matters, "never cosign two different trees of one size", rests on `advance`: a single
 * conditional upsert that moves a log from the size the request was checked against to the new size, or does
 * nothing when another request moved it first. The caller cosigns only what `advance` committed.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock } from "../db/lock";

type Row = Record<string, unknown>;
export interface SqlClient {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

export type LogState = { origin: string; size: number; root: Buffer; note: string; updatedAt: Date };

export type Refusal = {
  id: number;
  origin: string;
  receivedAt: Date;
  status: number;
  reason: string;
  oldSize: number;
  /** The consistency proof as sent, base64 hashes. */
  proof: string[];
  /** The checkpoint the witness refused, as submitted. */
  submitted: string;
  /** The checkpoint (with the witness's cosignature) it contradicts. */
  known: string | null;
};

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS witness_log (
     origin text PRIMARY KEY,
     size bigint NOT NULL CHECK (size >= 0),
     root text NOT NULL,
     note text NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS witness_refusal (
     id bigserial PRIMARY KEY,
     origin text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     status integer NOT NULL,
     reason text NOT NULL,
     old_size bigint NOT NULL,
     proof text NOT NULL,
     submitted text NOT NULL,
     known text
   )`,
  `CREATE INDEX IF NOT EXISTS witness_refusal_origin ON witness_refusal (origin, id)`,
];

function refusalOf(row: Record<string, unknown>): Refusal {
  return {
    id: Number(row.id),
    origin: String(row.origin),
    receivedAt: new Date(row.received_at as Date),
    status: Number(row.status),
    reason: String(row.reason),
    oldSize: Number(row.old_size),
    proof: String(row.proof) === "" ? [] : String(row.proof).split("\n"),
    submitted: String(row.submitted),
    known: row.known === null ? null : String(row.known),
  };
}

export class WitnessStore {
  constructor(private readonly sql: SqlClient) {}

  /** Creates the tables if missing (idempotent: safe on every start and from several witnesses on one database). */
  async init(): Promise<void> {
    for (const statement of SCHEMA) await this.sql.query(statement);
  }

  async get(origin: string): Promise<LogState | null> {
    const { rows } = await this.sql.query<{ origin: string; size: unknown; root: string; note: string; updated_at: Date }>(
      "SELECT origin, size, root, note, updated_at FROM witness_log WHERE origin = $1",
      [origin],
    );
    const row = rows[0];
    return row
      ? { origin: row.origin, size: Number(row.size), root: Buffer.from(row.root, "base64"), note: row.note, updatedAt: new Date(row.updated_at) }
      : null;
  }

  /**
   * Moves `origin` from (`fromSize`, `fromRoot`: null when never cosigned) to the new tree, atomically. Returns false
   * when the stored state is no longer the one checked (a concurrent request won); nothing is written then.
   */
  async advance(origin: string, from: { size: number; root: Buffer } | null, to: { size: number; root: Buffer; note: string }): Promise<boolean> {
    const { rows } = await this.sql.query(
      `INSERT INTO witness_log (origin, size, root, note, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (origin) DO UPDATE SET size = EXCLUDED.size, root = EXCLUDED.root, note = EXCLUDED.note, updated_at = now()
       WHERE $5::boolean AND witness_log.size = $6 AND witness_log.root = $7
       RETURNING origin`,
      [origin, to.size, to.root.toString("base64"), to.note, from !== null, from?.size ?? 0, from?.root.toString("base64") ?? ""],
    );
    return rows.length === 1;
  }

  async recordRefusal(refusal: Omit<Refusal, "id" | "receivedAt">): Promise<void> {
    await this.sql.query("INSERT INTO witness_refusal (origin, status, reason, old_size, proof, submitted, known) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
      refusal.origin,
      refusal.status,
      refusal.reason,
      refusal.oldSize,
      refusal.proof.join("\n"),
      refusal.submitted,
      refusal.known,
    ]);
  }

  async refusals(options: { origin?: string; limit?: number } = {}): Promise<Refusal[]> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    const { rows } = await this.sql.query<Record<string, unknown>>(
      `SELECT id, origin, received_at, status, reason, old_size, proof, submitted, known FROM witness_refusal
       WHERE $1::text IS NULL OR origin = $1 ORDER BY id DESC LIMIT ${limit}`,
      [options.origin ?? null],
    );
    return rows.map(refusalOf);
  }

  /**
   * Refusals with the given HTTP status (422: inconsistent with what was cosigned) for several logs (null: all logs),
   * newest first.
   */
  async refusalsOf(origins: readonly string[] | null, status = 422, limit = 1000): Promise<Refusal[]> {
    if (origins !== null && origins.length === 0) return [];
    const { rows } = await this.sql.query<Record<string, unknown>>(
      `SELECT id, origin, received_at, status, reason, old_size, proof, submitted, known FROM witness_refusal
       WHERE ($1::text[] IS NULL OR origin = ANY($1::text[])) AND status = $2 ORDER BY id DESC LIMIT ${Math.min(Math.max(limit, 1), 5000)}`,
      [origins === null ? null : [...new Set(origins)], status],
    );
    return rows.map(refusalOf);
  }

  async logs(): Promise<LogState[]> {
    const { rows } = await this.sql.query<{ origin: string; size: unknown; root: string; note: string; updated_at: Date }>(
      "SELECT origin, size, root, note, updated_at FROM witness_log ORDER BY origin",
    );
    return rows.map((row) => ({
      origin: row.origin,
      size: Number(row.size),
      root: Buffer.from(row.root, "base64"),
      note: row.note,
      updatedAt: new Date(row.updated_at),
    }));
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}

/**
 * The witness's tables hold a row per cosigned checkpoint and are read a row at a time, so PGlite gets the smallest
 * buffer pool PostgreSQL allows to be useful (issue #24): with PostgreSQL's default of 128 MB, zeroed at start in the
 * WebAssembly memory, this second embedded database held about 215 MB of the server's resident memory and took
 * 0.8 s of a core right after every start; with 1 MB it holds about 100 MB and opens in 0.5 s.
 */
const WITNESS_PGLITE_START = [...PGlite.defaultStartParams, "-c", "shared_buffers=1MB"];

/** PostgreSQL when `databaseUrl` is given, else PGlite in `<dataDir>/pglite` (or in memory for dataDir null). */
export async function openWitnessStore(options: { dataDir: string | null; databaseUrl?: string }): Promise<WitnessStore> {
  let client: SqlClient;
  if (options.databaseUrl) {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
    client = { query: async (sql, params) => pool.query(sql, params), close: () => pool.end() };
  } else {
    let db: PGlite;
    let release = () => {};
    if (options.dataDir === null) db = await PGlite.create({ startParams: WITNESS_PGLITE_START });
    else {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      // PGlite is single-process: a second witness on the same directory would corrupt it (a dead owner's lock is taken over).
      release = acquireDataDirLock(options.dataDir);
      db = await PGlite.create(path.join(options.dataDir, "pglite"), { startParams: WITNESS_PGLITE_START });
    }
    client = {
      query: async (sql, params) => db.query(sql, params),
      close: async () => {
        await db.close();
        release();
      },
    };
  }
  const store = new WitnessStore(client);
  await store.init();
  return store;
}
