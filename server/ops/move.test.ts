import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { runBundleVerifier, unzipBundle } from "../audit/unzipBundle";
import { verifyBundle } from "../audit/verify.mjs";
import { demoPhone } from "../testing/builders";
import { login } from "../testing/http";
import { startServer, type TestServer } from "../testing/server";
import { digestsOf, rowsOf, runTool } from "./opsTestKit";

// The move's target is always PostgreSQL: the machine's server is there in both CI runs.
const POSTGRES = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
const work = mkdtempSync(path.join(tmpdir(), "yishi-move-test-"));
const drops: (() => Promise<void>)[] = [];

async function supervisorBundle(url: string, into: string): Promise<string> {
  const cookie = await login(url, demoPhone("supervisor"), DEMO_PASSWORD);
  const orgs = (await (await fetch(`${url}/api/orgs`, { headers: { cookie: cookie ?? "" } })).json()) as { data: { id: string }[] };
  const response = await fetch(`${url}/api/audit/bundle?orgId=${orgs.data[0]?.id}`, { headers: { cookie: cookie ?? "" } });
  expect(response.status).toBe(200);
  return unzipBundle(new Uint8Array(await response.arrayBuffer()), into);
}

describe("moving the demo village from the embedded database to PostgreSQL", () => {
  let server: TestServer;
  let dataDir = "";
  let target = "";
  let earlier = "";

  beforeAll(async () => {
    server = await startServer({ databaseUrl: null });
    dataDir = server.dataDir;
    earlier = await supervisorBundle(server.url, path.join(work, "earlier"));
    const fresh = await createFreshDatabase(POSTGRES);
    drops.push(fresh.drop);
    target = fresh.url;
  });
  afterAll(async () => {
    await server?.cleanup();
    for (const drop of drops) await drop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it("refuses while the server holds the embedded database, and copies everything once it is stopped", async () => {
    const refused = await runTool("moveToPostgres", ["--to", target], { YISHI_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/stop it first/);
    await server.stop();

    const moved = await runTool("moveToPostgres", ["--to", target], { YISHI_DATA_DIR: dataDir });
    expect(moved.stderr).toContain("verifying the audit logs 100%");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain("every row and every audit byte is equal");

    const before = await digestsOf({ dataDir });
    const after = await digestsOf({ dataDir: work, databaseUrl: target });
    expect(after).toEqual(before);
    expect(before.get("AuditEntry")?.rows).toBeGreaterThan(50);
    const query = `SELECT "orgId", seq, bytes, "leafHash" FROM "AuditEntry" ORDER BY "orgId", seq`;
    expect(await rowsOf({ dataDir: work, databaseUrl: target }, query)).toEqual(await rowsOf({ dataDir }, query));
    const checkpoints = `SELECT "orgId", size, note FROM "AuditCheckpoint" ORDER BY "orgId", size`;
    expect(await rowsOf({ dataDir: work, databaseUrl: target }, checkpoints)).toEqual(await rowsOf({ dataDir }, checkpoints));

    const again = await runTool("moveToPostgres", ["--to", target], { YISHI_DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    expect(await digestsOf({ dataDir: work, databaseUrl: target })).toEqual(before);
  });

  it("keeps the log going on PostgreSQL: the supervisor's earlier bundle verifies against the moved log's checkpoints", async () => {
    server = await startServer({ dataDir, databaseUrl: target, reuseDatabase: true });
    const admin = await login(server.url, demoPhone("admin"), DEMO_PASSWORD);
    const orgs = (await (await fetch(`${server.url}/api/orgs`, { headers: { cookie: admin ?? "" } })).json()) as { data: { id: string }[] };
    const created = await fetch(`${server.url}/api/admin/orgs/${orgs.data[0]?.id}/households`, {
      method: "POST",
      headers: { cookie: admin ?? "", "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ number: "迁移后-1", head: "新户主" }),
    });
    expect(created.status).toBeLessThan(300);
    const later = await supervisorBundle(server.url, path.join(work, "later"));

    const oldEntries = readFileSync(path.join(earlier, "entries.jsonl"));
    const newEntries = readFileSync(path.join(later, "entries.jsonl"));
    expect(newEntries.length).toBeGreaterThan(oldEntries.length);
    expect(newEntries.subarray(0, oldEntries.length).equals(oldEntries)).toBe(true);

    // The supervisor trusts only what they kept from before the move: its vkey and its signed checkpoints.
    const kept = readdirSync(path.join(earlier, "checkpoints")).map((name) => ({
      label: `earlier/${name}`,
      text: readFileSync(path.join(earlier, "checkpoints", name), "utf8"),
    }));
    const summary = await verifyBundle(later, {
      trustedVkeys: { label: "earlier/vkey", text: readFileSync(path.join(earlier, "vkey"), "utf8") },
      checkpoints: kept,
    });
    expect(summary.externalCheckpoints).toHaveLength(kept.length);
    expect(summary.latestCheckpointSize).toBe(summary.entries);
    expect(runBundleVerifier(earlier).code).toBe(0);
    expect(runBundleVerifier(later).code).toBe(0);
  });
});
