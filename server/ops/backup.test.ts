import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { openDatabase, withDedicatedConnection } from "../db/client";
import { demoPhone } from "../testing/builders";
import { login } from "../testing/http";
import { startServer, type TestServer } from "../testing/server";
import { MANIFEST, PGLITE_MEMBER, parseManifest } from "./backupFormat";
import { objectCount } from "./dbSchema";
import { type Digests, digestsOf, rowsOf, runTool } from "./opsTestKit";
import { extractTar, writeTar } from "./tar";

const base = process.env.DATABASE_URL || undefined;
const work = mkdtempSync(path.join(tmpdir(), "yishi-backup-test-"));
const cleanups: (() => Promise<void>)[] = [];

/** A fresh place to restore into: an empty data directory, and on PostgreSQL runs an empty database too. */
async function freshTarget(name: string): Promise<{ dataDir: string; databaseUrl?: string }> {
  const dataDir = path.join(work, name);
  if (!base) return { dataDir };
  const fresh = await createFreshDatabase(base);
  cleanups.push(fresh.drop);
  return { dataDir, databaseUrl: fresh.url };
}

/** PostgreSQL is on this machine in both CI runs: an embedded backup is also restored there. */
async function freshPostgres(): Promise<string> {
  const fresh = await createFreshDatabase("postgresql://postgres@127.0.0.1:5432/test");
  cleanups.push(fresh.drop);
  return fresh.url;
}

const envOf = (where: { dataDir: string; databaseUrl?: string }) => ({ YISHI_DATA_DIR: where.dataDir, DATABASE_URL: where.databaseUrl ?? "" });

describe("backup and restore", () => {
  let server: TestServer;
  let original: { dataDir: string; databaseUrl?: string };
  let meetingId = "";
  let idleBackup = "";
  let atBackup: Digests;

  beforeAll(async () => {
    server = await startServer();
    original = { dataDir: server.dataDir, databaseUrl: server.databaseUrl };
    // The demo's finished meeting, with its votes and its signed minutes (archived), so there are minutes to keep.
    const recorder = await login(server.url, demoPhone("recorder"), DEMO_PASSWORD);
    const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie: recorder ?? "" } })).json()) as {
      data: { id: string; state: string }[];
    };
    meetingId = meetings.data.find((m) => m.state === "archived")?.id ?? "";
    expect(meetingId).not.toBe("");
  });
  afterAll(async () => {
    await server?.cleanup();
    for (const drop of cleanups) await drop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it("takes a backup while the server runs and keeps serving requests meanwhile", async () => {
    const admin = await login(server.url, demoPhone("admin"), DEMO_PASSWORD);
    const orgs = (await (await fetch(`${server.url}/api/orgs`, { headers: { cookie: admin ?? "" } })).json()) as { data: { id: string }[] };
    const orgId = orgs.data[0]?.id ?? "";
    const busyBackup = path.join(work, "busy.tar");
    const writes = Array.from({ length: 4 }, (_, i) =>
      fetch(`${server.url}/api/admin/orgs/${orgId}/households`, {
        method: "POST",
        headers: { cookie: admin ?? "", "content-type": "application/json", origin: server.url },
        body: JSON.stringify({ number: `备份期间-${i}`, head: `户主${i}` }),
      }).then((r) => r.status),
    );
    const [run, ...statuses] = await Promise.all([runTool("backup", ["--out", busyBackup], envOf(original)), ...writes]);
    expect(run.stderr + run.stdout).toContain("100%");
    expect(run.code).toBe(0);
    expect(statuses.every((s) => s < 300)).toBe(true);

    idleBackup = path.join(work, "idle.tar");
    const idle = await runTool("backup", ["--out", idleBackup], envOf(original));
    expect(idle.code).toBe(0);
    expect(idle.stdout).toContain(idleBackup);
    expect((await runTool("backup", ["--out", idleBackup], envOf(original))).stderr).toContain("exists already");
    await server.stop();
    atBackup = await digestsOf(original);
  });

  it("restores into an empty place: the meeting, its votes, its minutes and the audit log are equal, and the log verifies", async () => {
    const target = await freshTarget("restored");
    const run = await runTool("restore", [idleBackup], envOf(target));
    expect(run.stderr).toContain("verifying the audit logs 100%");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/audit logs verified: \d+ organizations, \d+ entries/);
    const restored = await digestsOf(target);
    expect([...restored.keys()]).toEqual([...atBackup.keys()]);
    for (const table of ["Meeting", "Motion", "VoteRecord", "Attendance", "MinutesVersion", "AuditEntry", "AuditCheckpoint"]) {
      expect(atBackup.get(table)?.rows, table).toBeGreaterThan(0);
    }
    expect(restored).toEqual(atBackup);
    const meeting = await rowsOf(target, `SELECT state FROM "Meeting" WHERE id = '${meetingId}'`);
    expect(meeting).toEqual([{ state: "archived" }]);
    expect(readFileSync(path.join(target.dataDir, "audit-key.pem"), "utf8")).toBe(readFileSync(path.join(original.dataDir, "audit-key.pem"), "utf8"));
    expect(statSync(path.join(target.dataDir, "audit-key.pem")).mode & 0o077).toBe(0);

    const again = await runTool("restore", [idleBackup], envOf(target));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    expect(await digestsOf(target)).toEqual(atBackup);
  });

  it("restores into the other kind of database too: embedded ↔ PostgreSQL, rows equal", async () => {
    const target = base ? { dataDir: path.join(work, "cross") } : { dataDir: path.join(work, "cross"), databaseUrl: await freshPostgres() };
    const run = await runTool("restore", [idleBackup], envOf(target));
    expect(run.stderr + run.stdout).toContain("audit logs verified");
    expect(run.code).toBe(0);
    expect(await digestsOf(target)).toEqual(atBackup);
  });

  it("refuses a backup whose audit log does not verify, and leaves the target as empty as it was", async () => {
    const unpacked = path.join(work, "unpacked");
    mkdirSync(unpacked);
    await extractTar(createReadStream(idleBackup), unpacked);
    const manifest = parseManifest(readFileSync(path.join(unpacked, MANIFEST), "utf8"));
    if (manifest.kind === "pglite") {
      // Someone with the database's superuser rights rewrites an entry's stored bytes, triggers bypassed.
      mkdirSync(path.join(work, "tamper"));
      const db = await PGlite.create(path.join(work, "tamper", "pglite"), { loadDataDir: new Blob([readFileSync(path.join(unpacked, PGLITE_MEMBER))]) });
      await db.exec(`SET session_replication_role = replica; UPDATE "AuditEntry" SET bytes = replace(bytes, '"v":1', '"v":1 ') WHERE seq = 3;`);
      writeFileSync(path.join(unpacked, PGLITE_MEMBER), Buffer.from(await (await db.dumpDataDir("gzip")).arrayBuffer()));
      await db.close();
    } else {
      const entry = manifest.tables.find((t) => t.name === "AuditEntry");
      const file = path.join(unpacked, entry?.file ?? "");
      const { gunzipSync, gzipSync } = await import("node:zlib");
      const text = gunzipSync(readFileSync(file)).toString("utf8").replace("平洲村", "平州村");
      writeFileSync(file, gzipSync(text));
      // The rows still match the manifest's digest: only the audit check can notice.
      const { createHash } = await import("node:crypto");
      if (entry) entry.sha256 = createHash("sha256").update(text).digest("hex");
      writeFileSync(path.join(unpacked, MANIFEST), JSON.stringify(manifest));
    }
    const names = [
      MANIFEST,
      ...readdirSync(path.join(unpacked, "datadir")).map((n) => `datadir/${n}`),
      ...(manifest.kind === "pglite" ? [PGLITE_MEMBER] : manifest.tables.map((t) => t.file)),
    ];
    const tampered = path.join(work, "tampered.tar");
    const out = createWriteStream(tampered);
    await writeTar(
      out,
      names.map((name) => ({ name, size: statSync(path.join(unpacked, name)).size, source: path.join(unpacked, name) })),
    );
    out.end();
    await once(out, "close");

    const target = await freshTarget("refused");
    const run = await runTool("restore", [tampered], envOf(target));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/does not verify/);
    expect(run.stderr).toContain("nothing was left behind");
    expect(existsSync(target.dataDir) ? readdirSync(target.dataDir) : []).toEqual([]);
    if (target.databaseUrl) {
      const db = await openDatabase({ dataDir: work, databaseUrl: target.databaseUrl });
      expect(await withDedicatedConnection(db, target.databaseUrl, objectCount)).toBe(0);
      await db.close();
    }
  });
});
