/**
 * What a logical copy needs to know about our tables, read from the catalog (so tables added by later migrations
 * are copied without code changes): the tables of schema public, their primary keys, the foreign keys between them
 * (parents are loaded first) and the sequences behind autoincrement columns.
 */
import type { SqlRunner } from "../db/migrate";
import { quoteIdent } from "../db/sql";

export type TableInfo = {
  name: string;
  primaryKey: string[];
  /** A foreign key from this table to itself (Organization.parentId): rows are loaded parents first. */
  selfReference: { columns: string[]; references: string[] } | null;
};

export type SequenceInfo = { table: string; column: string; sequence: string };

export const MIGRATIONS_TABLE = "_prisma_migrations";

export { quoteIdent };

type ForeignKey = { child: string; parent: string; columns: string[]; references: string[] };

async function foreignKeys(sql: SqlRunner): Promise<ForeignKey[]> {
  const rows = await sql.query<{ child: string; parent: string; columns: string[] | string; refs: string[] | string }>(
    `SELECT c.relname AS child, p.relname AS parent,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS refs
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  return rows.map((r) => ({ child: r.child, parent: r.parent, columns: textArray(r.columns), references: textArray(r.refs) }));
}

/** pg returns text[] as an array; PGlite may too, or as its literal `{a,b}`. */
function textArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean)
    .map((v) => v.replace(/^"|"$/g, ""));
}

/** Every table in schema public except the migrations table, parents before children. */
export async function listTables(sql: SqlRunner): Promise<TableInfo[]> {
  const tables = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> $1 ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  const keys = await sql.query<{ table: string; columns: string[] | string }>(
    `SELECT c.relname AS table,
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.n ORDER BY u.o) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indisprimary AND n.nspname = 'public'`,
  );
  const primary = new Map(keys.map((k) => [k.table, textArray(k.columns)]));
  const fks = await foreignKeys(sql);
  const infos = tables.map(({ name }) => {
    const self = fks.find((fk) => fk.child === name && fk.parent === name);
    return { name, primaryKey: primary.get(name) ?? [], selfReference: self ? { columns: self.columns, references: self.references } : null };
  });
  return topologicalOrder(infos, fks);
}

/** Kahn's algorithm, alphabetical among equals; a cycle between tables (we have none) is reported, not guessed. */
export function topologicalOrder(tables: TableInfo[], fks: readonly { child: string; parent: string }[]): TableInfo[] {
  const names = new Set(tables.map((t) => t.name));
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const fk of fks) if (fk.child !== fk.parent && names.has(fk.child) && names.has(fk.parent)) parents.get(fk.child)?.add(fk.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && [...(parents.get(t.name) ?? [])].every((p) => done.has(p)));
    if (ready.length === 0)
      throw new Error(
        `foreign keys form a cycle among ${tables
          .filter((t) => !done.has(t.name))
          .map((t) => t.name)
          .join(", ")}`,
      );
    for (const table of ready) {
      ordered.push(table);
      done.add(table.name);
    }
  }
  return ordered;
}

/** Sequences owned by columns of our tables (autoincrement ids). */
export async function listSequences(sql: SqlRunner): Promise<SequenceInfo[]> {
  return sql.query<SequenceInfo>(
    `SELECT t.relname AS table, a.attname AS column, s.relname AS sequence
       FROM pg_class s
       JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = 'public'
      ORDER BY t.relname, a.attname`,
  );
}

export async function appliedMigrations(sql: SqlRunner): Promise<string[]> {
  const exists = await sql.query<{ found: boolean }>(`SELECT to_regclass('public.${MIGRATIONS_TABLE}') IS NOT NULL AS found`);
  if (!exists[0]?.found) return [];
  const rows = await sql.query<{ name: string }>(
    `SELECT migration_name AS name FROM ${quoteIdent(MIGRATIONS_TABLE)} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.name);
}

/** Relations and types in schema public: an empty database has none. */
export async function objectCount(sql: SqlRunner): Promise<number> {
  const rows = await sql.query<{ n: number | string }>(
    `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public')
          + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype IN ('e', 'c', 'd') AND t.typrelid = 0) AS n`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Leaves schema public as empty as it was: what a failed restore or move wrote is dropped again. */
export async function dropEverything(sql: SqlRunner): Promise<void> {
  const tables = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
  );
  for (const { name } of tables) await sql.exec(`DROP TABLE IF EXISTS public.${quoteIdent(name)} CASCADE`);
  const types = await sql.query<{ name: string }>(
    `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND t.typrelid = 0`,
  );
  for (const { name } of types) await sql.exec(`DROP TYPE IF EXISTS public.${quoteIdent(name)} CASCADE`);
  const functions = await sql.query<{ name: string }>(
    `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`,
  );
  for (const { name } of functions) await sql.exec(`DROP FUNCTION IF EXISTS public.${quoteIdent(name)} CASCADE`);
}
