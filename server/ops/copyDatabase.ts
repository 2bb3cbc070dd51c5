/**
 * Copies every row of one database into an empty one of the same schema (PGlite → PostgreSQL for a move, a restored
 * embedded backup → PostgreSQL): the target gets exactly the source's migrations first, then all tables in one
 * transaction (parents first), then the sequences. The source is read in one REPEATABLE READ snapshot.
 */
import { type Database, withDedicatedConnection } from "../db/client";
import { loadMigrations, migrate, type SqlRunner } from "../db/migrate";
import { appliedMigrations, listSequences, listTables, objectCount, quoteIdent } from "./dbSchema";
import { insertRows, readRows, readSequences, writeSequences } from "./logicalCopy";
import { type Progress, silentProgress } from "./progress";

export type Endpoint = { db: Database; url?: string };

/** Refuses a database that holds anything in schema public. */
export async function assertEmpty(sql: SqlRunner, what: string): Promise<void> {
  const objects = await objectCount(sql);
  if (objects > 0) {
    throw new Error(
      `${what} is not empty (${objects} tables, indexes or types in schema public); Yishi copies only into an empty database — create a new one (CREATE DATABASE …) and try again`,
    );
  }
}

/** The migrations named, as this Yishi has them; refuses a name it does not know (a newer Yishi made the source). */
export function knownMigrations(names: readonly string[]) {
  const all = loadMigrations();
  const unknown = names.filter((name) => !all.some((m) => m.name === name));
  if (unknown.length > 0) throw new Error(`the data was migrated by a newer Yishi (migration ${unknown[0]}); upgrade Yishi first`);
  return all.filter((m) => names.includes(m.name));
}

export async function copyDatabase(source: Endpoint, target: Endpoint, progress: Progress = silentProgress): Promise<{ name: string; rows: number }[]> {
  return withDedicatedConnection(source.db, source.url, (src) =>
    withDedicatedConnection(target.db, target.url, async (dst) => {
      await assertEmpty(dst, "the target database");
      await src.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        await migrate(dst, knownMigrations(await appliedMigrations(src)));
        const tables = await listTables(src);
        let total = 0;
        for (const table of tables) {
          const [row] = await src.query<{ n: string | number }>(`SELECT count(*) AS n FROM public.${quoteIdent(table.name)}`);
          total += Number(row?.n ?? 0);
        }
        let done = 0;
        const copied: { name: string; rows: number }[] = [];
        await dst.exec("BEGIN");
        try {
          for (const table of tables) {
            const rows = await insertRows(dst, table, readRows(src, table), (n) => progress((done += n), total));
            copied.push({ name: table.name, rows });
          }
          await writeSequences(dst, await readSequences(src, await listSequences(src)));
          await dst.exec("COMMIT");
        } catch (error) {
          await dst.exec("ROLLBACK").catch(() => undefined);
          throw error;
        }
        progress(total, total);
        return copied;
      } finally {
        await src.exec("COMMIT");
      }
    }),
  );
}
