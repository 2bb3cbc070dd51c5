/**
 * How a command-line tool opens the deployment's database: the .env files, the data directory, the database
 * (migrated), and the runtime the commands and queries read. `busyHint` is added to the error when the embedded
 * database is held by a running server (PGlite opens in one process at a time).
 */
import nextEnv from "@next/env";
import { ensureDataDir, readConfig, StartupError } from "../config";
import { type Database, openDatabase, withDedicatedConnection } from "../db/client";
import { migrate } from "../db/migrate";
import { setRuntime } from "../runtime";

export async function openForCli(version: string, busyHint?: string): Promise<Database> {
  nextEnv.loadEnvConfig(process.cwd());
  const config = readConfig();
  ensureDataDir(config.dataDir);
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (error) {
    if (busyHint && error instanceof StartupError && !config.databaseUrl) throw new StartupError(`${error.message}\n${busyHint}`);
    throw error;
  }
  await withDedicatedConnection(db, config.databaseUrl, (sql) => migrate(sql));
  setRuntime({ config, db, version, inFlight: new Set(), shuttingDown: false });
  return db;
}
