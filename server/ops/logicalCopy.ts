/**
 * Table rows as JSON text, out of one database and into another, without a round trip through JavaScript values:
 * PostgreSQL writes each row with row_to_json and reads it back with json_populate_recordset, so text, timestamps
 * (microseconds), bytea, enums and JSON columns come back exactly — and AuditEntry.bytes, the audit log's stored
 * bytes, is copied character for character. Rows are read in primary-key order through a cursor, inside the
 * caller's transaction (REPEATABLE READ: one consistent snapshot of every table).
 */
import { createHash } from "node:crypto";
import type { SqlRunner } from "../db/migrate";
import { quoteIdent, type SequenceInfo, type TableInfo } from "./dbSchema";

const FETCH_ROWS = 2_000;
const INSERT_BYTES = 4 * 1024 * 1024;
const INSERT_ROWS = 2_000;

/** Every row of `table` as JSON text, in primary-key order, a page at a time. Needs an open transaction. */
export async function* readRows(sql: SqlRunner, table: TableInfo): AsyncGenerator<string[]> {
  const order = table.primaryKey.length > 0 ? ` ORDER BY ${table.primaryKey.map((c) => `t.${quoteIdent(c)}`).join(", ")}` : "";
  const cursor = `yishi_copy_${createHash("sha256").update(table.name).digest("hex").slice(0, 12)}`;
  await sql.exec(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM public.${quoteIdent(table.name)} t${order}`);
  try {
    for (;;) {
      const rows = await sql.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM ${cursor}`);
      if (rows.length === 0) return;
      yield rows.map((r) => r.j);
      if (rows.length < FETCH_ROWS) return;
    }
  } finally {
    await sql.exec(`CLOSE ${cursor}`);
  }
}

/** Row count and SHA-256 of the rows' JSON lines in key order: two databases with equal digests hold equal rows. */
export async function tableDigest(sql: SqlRunner, table: TableInfo): Promise<{ rows: number; sha256: string }> {
  const hash = createHash("sha256");
  let rows = 0;
  for await (const page of readRows(sql, table)) {
    for (const line of page) hash.update(line).update("\n");
    rows += page.length;
  }
  return { rows, sha256: hash.digest("hex") };
}

/** Parents first for a table that references itself: a row goes in once the row it points at is in. */
export function parentsFirst(lines: string[], self: NonNullable<TableInfo["selfReference"]>): string[] {
  const rows = lines.map((line) => ({ line, value: JSON.parse(line) as Record<string, unknown> }));
  const keyOf = (value: Record<string, unknown>, columns: string[]) => JSON.stringify(columns.map((c) => value[c] ?? null));
  const placed = new Set<string>();
  const ordered: string[] = [];
  let rest = rows;
  while (rest.length > 0) {
    const next = rest.filter(({ value }) => self.columns.every((c) => value[c] === null || value[c] === undefined) || placed.has(keyOf(value, self.columns)));
    if (next.length === 0) throw new Error("rows of a self-referencing table point at rows that are missing");
    for (const { line, value } of next) {
      ordered.push(line);
      placed.add(keyOf(value, self.references));
    }
    rest = rest.filter((row) => !next.includes(row));
  }
  return ordered;
}

/** Inserts rows given as JSON lines into `table`; returns how many. Needs an open transaction on the target. */
export async function insertRows(
  sql: SqlRunner,
  table: TableInfo,
  pages: AsyncIterable<string[]>,
  onRows: (n: number) => void = () => undefined,
): Promise<number> {
  const statement = `INSERT INTO public.${quoteIdent(table.name)} SELECT * FROM json_populate_recordset(NULL::public.${quoteIdent(table.name)}, $1::json)`;
  let total = 0;
  let batch: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await sql.query(statement, [`[${batch.join(",")}]`]);
    total += batch.length;
    onRows(batch.length);
    batch = [];
    bytes = 0;
  };
  const put = async (line: string) => {
    batch.push(line);
    bytes += line.length;
    if (batch.length >= INSERT_ROWS || bytes >= INSERT_BYTES) await flush();
  };
  if (table.selfReference) {
    const all: string[] = [];
    for await (const page of pages) all.push(...page);
    for (const line of parentsFirst(all, table.selfReference)) await put(line);
  } else {
    for await (const page of pages) for (const line of page) await put(line);
  }
  await flush();
  return total;
}

export type SequenceValue = SequenceInfo & { lastValue: string; isCalled: boolean };

export async function readSequences(sql: SqlRunner, sequences: readonly SequenceInfo[]): Promise<SequenceValue[]> {
  const values: SequenceValue[] = [];
  for (const s of sequences) {
    const [row] = await sql.query<{ last_value: string | number; is_called: boolean }>(`SELECT last_value, is_called FROM public.${quoteIdent(s.sequence)}`);
    if (row) values.push({ ...s, lastValue: String(row.last_value), isCalled: row.is_called });
  }
  return values;
}

/** Sets each sequence where the source's stood, so the next autoincrement id continues from there. */
export async function writeSequences(sql: SqlRunner, values: readonly SequenceValue[]): Promise<void> {
  for (const v of values) {
    await sql.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [`public.${quoteIdent(v.sequence)}`, v.lastValue, v.isCalled]);
  }
}
