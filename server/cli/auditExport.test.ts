/**
 * `npm run audit:export` and `npm run audit:verify` against a real demo install: refused with a clear message while
 * the server owns the embedded database, a verified bundle per organization once it is stopped, and a bundle that
 * names the edited seq after someone tampered with the stopped server's database directly.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../testing/server";

const ROOT = path.resolve(import.meta.dirname, "../..");
let server: TestServer;
let out: string;

function run(script: string[], env: Record<string, string> = {}): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, script, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, YISHI_DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl ?? "", ...env },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
const exportCli = (...args: string[]) => run(["--import", "tsx", "server/cli/auditExport.ts", ...args]);
const verifyCli = (...args: string[]) => run(["server/audit/verify.mjs", ...args]);

/** As a superuser with direct access would: change an entry's bytes with the append-only trigger bypassed. */
async function tamperEntry(orgId: string, seq: number): Promise<void> {
  const statements = [
    "SET session_replication_role = replica",
    // Back-dates the entry by a century: still a well-formed entry, just not the one that was recorded.
    `UPDATE "AuditEntry" SET bytes = replace(bytes, '"ts":"20', '"ts":"19') WHERE "orgId" = '${orgId}' AND seq = ${seq}`,
    "SET session_replication_role = DEFAULT",
  ];
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    for (const statement of statements) await client.query(statement);
    await client.end();
    return;
  }
  const db = await PGlite.create(path.join(server.dataDir, "pglite"));
  for (const statement of statements) await db.exec(statement);
  await db.close();
}

beforeAll(async () => {
  server = await startServer();
  out = mkdtempSync(path.join(tmpdir(), "yishi-export-"));
});
afterAll(async () => {
  await server?.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("npm run audit:export", () => {
  it("while the server runs: on PGlite explains where to get the bundle instead; on PostgreSQL exports alongside it", () => {
    const result = exportCli("--out", path.join(out, "busy"));
    if (server.databaseUrl) {
      expect(result.output).toMatch(/OK: \d+ checkpoints/);
      expect(result.code).toBe(0);
      return;
    }
    expect(result.code).toBe(2);
    expect(result.output).toContain("正被另一个议事进程");
    expect(result.output).toContain("/supervise");
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it("writes a verified bundle per organization, which npm run audit:verify accepts", async () => {
    if (!server.databaseUrl) await server.stop();
    const result = exportCli("--out", path.join(out, "all"));
    expect(result.output).toMatch(/OK: \d+ checkpoints/);
    expect(result.code).toBe(0);
    const orgs = readdirSync(path.join(out, "all"));
    expect(orgs.length).toBeGreaterThanOrEqual(2);
    for (const org of orgs) {
      expect(readdirSync(path.join(out, "all", org)).sort()).toEqual(["README.txt", "checkpoints", "entries.jsonl", "log.pub", "verify.mjs", "vkey"]);
      const verified = verifyCli(path.join(out, "all", org));
      expect(verified.output).toContain("OK: audit log verified");
      expect(verified.code).toBe(0);
    }
  });

  it("still writes the bundle of a tampered log, and it names the edited seq", async () => {
    if (!server.databaseUrl) await server.stop();
    // The demo village: the organization with the longest log.
    const lines = (org: string) => readFileSync(path.join(out, "all", org, "entries.jsonl"), "utf8").split("\n").length;
    const orgId = readdirSync(path.join(out, "all")).sort((a, b) => lines(b) - lines(a))[0] as string;
    await tamperEntry(orgId, 7);
    const result = exportCli("--out", path.join(out, "tampered"), "--org", orgId);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/FAIL: .*seq 7/);
    const verified = verifyCli(path.join(out, "tampered"));
    expect(verified.code).toBe(1);
    expect(verified.output).toMatch(/^FAIL: entries\.jsonl line 8: .*entry seq 7 was altered/m);
  });

  it("rejects a missing --out with its usage", () => {
    const result = exportCli("--org", "x");
    expect(result.code).toBe(2);
    expect(result.output).toContain("usage: npm run audit:export -- --out DIR [--org ID]");
  });
});
