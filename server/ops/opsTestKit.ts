/**
 * Test helpers for the operations tests: run an operator tool as the operator would (a child process), and read
 * every table's rows of a database as digests to compare two databases row for row. Nothing of ours is mocked.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { type Database, openDatabase, withDedicatedConnection } from "../db/client";
import { listTables } from "./dbSchema";
import { tableDigest } from "./logicalCopy";

export type ToolRun = { code: number | null; stdout: string; stderr: string };

export function runTool(script: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 90_000): Promise<ToolRun> {
  const child = spawn(process.execPath, ["--import", "tsx", `server/cli/${script}.ts`, ...args], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: "", YISHI_AUDIT_KEY: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

export type Digests = Map<string, { rows: number; sha256: string }>;

/** Every table's row count and digest (rows as JSON in key order), read in one snapshot. */
export async function databaseDigests(db: Database, url?: string): Promise<Digests> {
  return withDedicatedConnection(db, url, async (sql) => {
    await sql.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const digests: Digests = new Map();
      for (const table of await listTables(sql)) digests.set(table.name, await tableDigest(sql, table));
      return digests;
    } finally {
      await sql.exec("COMMIT");
    }
  });
}

/** Opens a database the tools wrote (a data directory, or PostgreSQL), reads its digests and closes it again. */
export async function digestsOf(where: { dataDir: string; databaseUrl?: string }): Promise<Digests> {
  const db = await openDatabase(where);
  try {
    return await databaseDigests(db, where.databaseUrl);
  } finally {
    await db.close();
  }
}

/** Rows of one table as JSON objects (for assertions on a meeting, its votes …), in key order. */
export async function rowsOf(where: { dataDir: string; databaseUrl?: string }, query: string): Promise<Record<string, unknown>[]> {
  const db = await openDatabase(where);
  try {
    return await db.sql.query<Record<string, unknown>>(query);
  } finally {
    await db.close();
  }
}
