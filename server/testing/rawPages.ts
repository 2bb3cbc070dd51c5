/**
 * Reads a table's pages as they are on disk, with PostgreSQL's `pageinspect` (issue #17): every tuple that still has
 * storage — live, deleted or updated-away — with its transaction ids, and the raw bytes of the table and its
 * indexes. This is what an operator holding the database files can read, not what a query of live rows shows.
 * PGlite ships the extension in its contrib bundle; on PostgreSQL creating it needs a superuser (the test's
 * DATABASE_URL role).
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pageinspect } from "@electric-sql/pglite/contrib/pageinspect";
import pg from "pg";

export type PageTuple = { xmin: string; xmax: string; data: string };
export type RawRelation = { tuples: PageTuple[]; bytes: string[] };
type Query = <T>(text: string, params?: unknown[]) => Promise<T[]>;

/** The heap tuples of `table`, and the raw pages (hex) of the table and of each of its indexes. */
export async function readRawPages(options: { dataDir: string; databaseUrl?: string }, tables: string[]): Promise<Map<string, RawRelation>> {
  if (options.databaseUrl) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      return await inspect(async (text, params) => (await client.query(text, params)).rows, tables);
    } finally {
      await client.end();
    }
  }
  const db = await PGlite.create(path.join(options.dataDir, "pglite"), { extensions: { pageinspect } });
  try {
    return await inspect(async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows, tables);
  } finally {
    await db.close();
  }
}

async function inspect(query: Query, tables: string[]): Promise<Map<string, RawRelation>> {
  await query("CREATE EXTENSION IF NOT EXISTS pageinspect");
  const result = new Map<string, RawRelation>();
  for (const table of tables) {
    const relation = `"${table}"`;
    // Every line pointer with storage (lp_len > 0): dead tuples a VACUUM has not removed are listed too.
    const tuples = await query<PageTuple>(
      `SELECT t_xmin::text AS xmin, t_xmax::text AS xmax, encode(t_data, 'hex') AS data
         FROM generate_series(0, (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int - 1) AS blk,
              LATERAL heap_page_items(get_raw_page($1::text, blk)) WHERE lp_len > 0`,
      [relation],
    );
    const indexes = await query<{ name: string }>(`SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = $1::regclass`, [relation]);
    const bytes: string[] = [];
    for (const name of [relation, ...indexes.map((i) => i.name)]) {
      const pages = await query<{ page: string }>(
        `SELECT encode(get_raw_page($1::text, blk), 'hex') AS page
           FROM generate_series(0, (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int - 1) AS blk`,
        [name],
      );
      bytes.push(...pages.map((p) => p.page));
    }
    result.set(table, { tuples, bytes });
  }
  return result;
}

/** How often `text` (UTF-8) occurs in the raw pages. */
export function occurrences(relation: RawRelation, text: string): number {
  const needle = Buffer.from(text, "utf8").toString("hex");
  let count = 0;
  for (const page of relation.bytes) {
    // Hex positions must be byte-aligned (even), or a match could straddle two bytes.
    for (let at = page.indexOf(needle); at >= 0; at = page.indexOf(needle, at + 1)) if (at % 2 === 0) count += 1;
  }
  return count;
}
