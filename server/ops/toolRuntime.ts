/**
 * What the operator's command-line tools share: configuration as the server reads it (.env included), argument
 * parsing, and opening the database as this process's runtime when no server is running on it.
 */

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs as parseArgv } from "node:util";
import nextEnv from "@next/env";
import { AUDIT_KEY_ENV, AUDIT_KEY_FILE } from "../audit/auditKey";
import { type Config, ensureDataDir, readConfig, StartupError } from "../config";
import { type Database, openDatabase, withDedicatedConnection } from "../db/client";
import { migrate } from "../db/migrate";
import { setRuntime } from "../runtime";

export function toolConfig(dataDirFlag?: string): Config {
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => undefined, error: console.error });
  const config = readConfig();
  return dataDirFlag ? { ...config, dataDir: path.resolve(dataDirFlag) } : config;
}

export function yishiVersion(): string {
  return (JSON.parse(readFileSync(path.resolve("package.json"), "utf8")) as { version: string }).version;
}

/** `--name value` pairs and bare arguments; an unknown flag or a missing value throws with the usage text. */
export function parseArgs(
  argv: readonly string[],
  flags: readonly string[],
  switches: readonly string[] = [],
): { values: Record<string, string>; on: Set<string>; rest: string[] } {
  // Node's own parser (strict: an unknown option, a missing or dash-leading value throws).
  const options = Object.fromEntries([
    ...flags.map((flag) => [flag.slice(2), { type: "string" as const }]),
    ...switches.map((flag) => [flag.slice(2), { type: "boolean" as const }]),
  ]);
  const parsed = parseArgv({ args: [...argv], options, strict: true, allowPositionals: true });
  const values: Record<string, string> = {};
  const on = new Set<string>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === "string") values[`--${name}`] = value;
    else if (value === true) on.add(`--${name}`);
  }
  return { values, on, rest: parsed.positionals };
}

/**
 * The tools sign checkpoints and carry the key into backups: they must run where Yishi's key is. (Left alone, the
 * key loader would create a fresh key here, whose signatures no supervisor trusts.)
 */
export function requireAuditKey(config: Config): void {
  if (process.env[AUDIT_KEY_ENV]?.trim() || existsSync(path.join(config.dataDir, AUDIT_KEY_FILE))) return;
  throw new StartupError(
    `这里没有审计签名密钥 no audit signing key here: neither ${AUDIT_KEY_ENV} nor ${path.join(config.dataDir, AUDIT_KEY_FILE)}. ` +
      "Run the tool with the server's settings (its YISHI_DATA_DIR, or its YISHI_AUDIT_KEY).",
  );
}

/** Opens the database for a tool, migrated as the server would, and installs it as the runtime. */
export async function openForTool(config: Config, whenLocked: string): Promise<Database> {
  ensureDataDir(config.dataDir);
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (error) {
    if (error instanceof StartupError && !config.databaseUrl) throw new StartupError(`${error.message}\n${whenLocked}`);
    throw error;
  }
  try {
    await withDedicatedConnection(db, config.databaseUrl, (sql) => migrate(sql));
  } catch (error) {
    await db.close();
    throw error;
  }
  setRuntime({ config, db, version: yishiVersion(), inFlight: new Set(), shuttingDown: false });
  return db;
}

/** Runs a tool's main; prints a refusal as one readable message and exits 1 (2 for usage). */
export function runTool(name: string, usage: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const isUsage = error instanceof UsageError;
      console.error(`${name}: ${message}${isUsage ? `\n${usage}` : ""}`);
      process.exit(isUsage ? 2 : 1);
    },
  );
}

export class UsageError extends Error {}
