/**
 * A real PGlite database in the test's own process, migrated, installed as the runtime: for tests that call commands
 * directly (timings, functions other commands call inside their transactions). Nothing is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { setRuntime } from "../runtime";
import { seedPgliteDataDir } from "./pgliteTemplate";

export async function openInProcessDb(): Promise<{ db: Database; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-inproc-"));
  seedPgliteDataDir(dataDir);
  const db = await openDatabase({ dataDir });
  await migrate(db.sql);
  setRuntime({ config: { port: 0, host: "127.0.0.1", dataDir, demo: false, dev: false }, db, version: "test", inFlight: new Set(), shuttingDown: false });
  return {
    db,
    async close() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
