/**
 * PostgreSQL deployed as docs/operations.md recommends (issue #9): the tables belong to an ordinary owner role, the
 * app runs as another ordinary role, and row-level security on every organization table confines a transaction to
 * the organization it was checked against. Runs in both CI passes on a private PostgreSQL cluster, where the test
 * may create roles without touching the shared server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privatePostgres, type Service } from "../faults/services";
import { AdminApi } from "../testing/adminApi";
import { runServerToExit, startServer, type TestServer } from "../testing/server";

let postgres: Service;
let server: TestServer;
let api: AdminApi;
const urls = { owner: "", app: "", bypass: "", superuser: "" };
const dataDirs: string[] = [];

function urlAs(base: string, role: string, database: string): string {
  const url = new URL(base);
  url.username = role;
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE a statement fails with, or "ok". */
async function outcome(client: pg.Client, sql: string, params: unknown[] = []): Promise<string> {
  await client.query("SAVEPOINT attempt");
  try {
    await client.query(sql, params);
    await client.query("RELEASE SAVEPOINT attempt");
    return "ok";
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT attempt");
    return (error as { code?: string }).code ?? "error";
  }
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-rls-"));
  dataDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  postgres = await privatePostgres();
  await withClient(postgres.url, async (client) => {
    await client.query("CREATE ROLE yishi_owner LOGIN NOSUPERUSER NOBYPASSRLS");
    await client.query("CREATE ROLE yishi_app LOGIN NOSUPERUSER NOBYPASSRLS");
    await client.query("CREATE ROLE yishi_bypass LOGIN NOSUPERUSER BYPASSRLS");
    await client.query("CREATE DATABASE yishi OWNER yishi_owner");
  });
  urls.owner = urlAs(postgres.url, "yishi_owner", "yishi");
  urls.app = urlAs(postgres.url, "yishi_app", "yishi");
  urls.bypass = urlAs(postgres.url, "yishi_bypass", "yishi");
  urls.superuser = urlAs(postgres.url, "postgres", "yishi");
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
  await postgres?.cleanup();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe("the role the app runs as", () => {
  it("refuses a superuser unless YISHI_ALLOW_SUPERUSER=1, before touching the database", async () => {
    const { code, output } = await runServerToExit({ DATABASE_URL: urls.superuser, YISHI_DATA_DIR: tempDir(), YISHI_ALLOW_SUPERUSER: "0" });
    expect(code).toBe(1);
    expect(output).toContain("superuser");
    expect(output).toContain("YISHI_ALLOW_SUPERUSER=1");
    const tables = await withClient(urls.owner, async (c) => (await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n);
    expect(tables, "nothing was migrated").toBe(0);
  });

  it("refuses a BYPASSRLS role the same way", async () => {
    const { code, output } = await runServerToExit({ DATABASE_URL: urls.bypass, YISHI_DATA_DIR: tempDir(), YISHI_ALLOW_SUPERUSER: "0" });
    expect(code).toBe(1);
    expect(output).toContain("BYPASSRLS");
  });

  it("runs as an ordinary role, migrating as the owner given in YISHI_MIGRATE_URL", async () => {
    server = await startServer({ databaseUrl: urls.app, reuseDatabase: true, env: { YISHI_MIGRATE_URL: urls.owner, YISHI_ALLOW_SUPERUSER: "0" } });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    api = new AdminApi(server.url);
    await api.loginAll();
    // The demo was seeded through commands as the app role; an admin's command works and is logged.
    const orgs = (await api.call("admin", "GET", "/api/orgs")).data as unknown as { id: string; level: string }[];
    const village = orgs.find((o) => o.level === "village")?.id as string;
    const before = await api.auditSize(village);
    await api.must("POST", `/api/admin/orgs/${village}/people`, { name: "行级安全", gender: "female" });
    expect(await api.auditSize(village)).toBe(before + 1);
    // Another village's admin is refused by the application before the database is asked.
    const refused = await api.call("foreignAdmin", "POST", `/api/admin/orgs/${village}/people`, { name: "越权", gender: "male" });
    expect(refused.error?.code).toBe("forbidden");
  });
});

describe("row-level security", () => {
  it("is enabled and forced on every table that carries an organization", async () => {
    const rows = await withClient(
      urls.owner,
      async (c) =>
        (
          await c.query<{ table: string; enabled: boolean; forced: boolean }>(`
          SELECT cls.relname AS table, cls.relrowsecurity AS enabled, cls.relforcerowsecurity AS forced
          FROM pg_class cls JOIN pg_namespace ns ON ns.oid = cls.relnamespace
          WHERE ns.nspname = 'public' AND cls.relkind = 'r'
            AND (cls.relname = 'Organization' OR EXISTS (
              SELECT 1 FROM information_schema.columns col
              WHERE col.table_schema = 'public' AND col.table_name = cls.relname AND col.column_name = 'orgId'))
          ORDER BY 1`)
        ).rows,
    );
    expect(rows.map((r) => r.table)).toEqual(
      expect.arrayContaining([
        "AuditCheckpoint",
        "AuditEntry",
        "Body",
        "Household",
        "Matter",
        "Meeting",
        "Notice",
        "OrgRole",
        "Organization",
        "Person",
        "SupervisionOpinion",
      ]),
    );
    for (const row of rows) expect([row.table, row.enabled, row.forced]).toEqual([row.table, true, true]);
  });

  it("confines a scoped transaction to its organization, for the app role and for the owner (FORCE)", async () => {
    // The neighbour village (its admin only) is the scope; the demo village, full of people and meetings, is the other.
    const ids = await withClient(
      urls.owner,
      async (c) => (await c.query<{ id: string; name: string }>(`SELECT id, name FROM "Organization" WHERE level = 'village'`)).rows,
    );
    const mine = ids.find((o) => o.name.startsWith("邻村"))?.id as string;
    const theirs = ids.find((o) => o.id !== mine)?.id as string;
    const tables = ["Person", "Household", "Body", "Meeting", "Matter", "Notice", "OrgRole", "AuditEntry", "AuditCheckpoint"];
    for (const url of [urls.app, urls.owner]) {
      await withClient(url, async (c) => {
        const count = async (table: string, orgId: string) =>
          (await c.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "orgId" = $1`, [orgId])).rows[0].n as number;
        await c.query("BEGIN");
        for (const table of tables) expect(await count(table, theirs), `${table}: unscoped work sees every organization`).toBeGreaterThan(0);
        await c.query("SELECT set_config('yishi.org_scope', $1, true)", [mine]);
        for (const table of tables) expect(await count(table, theirs), `${table}: another organization, scoped`).toBe(0);
        expect(await count("OrgRole", mine), "its own organization stays visible").toBeGreaterThan(0);
        expect(await count("AuditEntry", mine)).toBeGreaterThan(0);
        const insert = `INSERT INTO "Person" (id, "orgId", name, gender) VALUES ($2, $1, '行级安全', 'male')`;
        expect(await outcome(c, insert, [mine, "rls-mine"]), "writing its own organization").toBe("ok");
        expect(await outcome(c, insert, [theirs, "rls-theirs"]), "writing another organization").toBe("42501");
        expect((await c.query(`UPDATE "Person" SET name = '改写' WHERE "orgId" = $1`, [theirs])).rowCount).toBe(0);
        expect((await c.query(`DELETE FROM "Matter" WHERE "orgId" = $1`, [theirs])).rowCount).toBe(0);
        expect((await c.query(`SELECT count(*)::int AS n FROM "Organization" WHERE id = $1`, [theirs])).rows[0].n).toBe(0);
        await c.query("ROLLBACK");
      });
    }
  });

  it("shows a village the township photo index of its own township only, and lets it index only its own photos there", async () => {
    // Issue #23: the hashes of every implementation photo of a township, for comparing an upload across villages.
    const orgs = await withClient(
      urls.owner,
      async (c) =>
        (await c.query<{ id: string; name: string; parentId: string | null; level: string }>(`SELECT id, name, "parentId", level FROM "Organization"`)).rows,
    );
    const mine = orgs.find((o) => o.name === "平洲村（演示）") as { id: string; parentId: string };
    const township = mine.parentId;
    const sibling = orgs.find((o) => o.level === "village" && o.parentId === township && o.id !== mine.id)?.id as string;
    const foreign = orgs.find((o) => o.name === "邻村（演示）") as { id: string; parentId: string };
    expect(foreign.parentId).not.toBe(township);
    const row = (id: string, orgId: string, townshipId: string): [string, unknown[]] => [
      `INSERT INTO "TownshipPhotoHash" (id, "townshipId", "orgId", "orgName", "matterId", "matterTitle", "planId", hashes, mirrors, "uploadedAt")
        VALUES ($1, $2, $3, '某村', 'm', '某项目', 'p', ARRAY['0f0f0f0f0f0f0f0f'], ARRAY['f0f0f0f0f0f0f0f0'], now())`,
      [id, townshipId, orgId],
    ];
    for (const url of [urls.app, urls.owner]) {
      await withClient(url, async (c) => {
        await c.query("BEGIN");
        await c.query(...row("sibling-photo", sibling, township));
        await c.query(...row("foreign-photo", foreign.id, foreign.parentId));
        // As confineToOrg leaves a village's command: the township above it listed, the village in scope.
        await c.query("SELECT set_config('yishi.org_above', $1, true), set_config('yishi.org_scope', $2, true)", [township, mine.id]);
        const visible = (
          await c.query<{ id: string }>(`SELECT id FROM "TownshipPhotoHash" WHERE id IN ('sibling-photo', 'foreign-photo') ORDER BY id`)
        ).rows.map((r) => r.id);
        expect(visible, "a sibling village's hashes are readable, another township's are not").toEqual(["sibling-photo"]);
        expect(
          (await c.query(`SELECT count(*)::int AS n FROM "EvidenceFile" WHERE "orgId" = $1`, [sibling])).rows[0].n,
          "the sibling's files stay hidden",
        ).toBe(0);
        expect(await outcome(c, ...row("mine-photo", mine.id, township)), "its own photo under its township").toBe("ok");
        expect(await outcome(c, ...row("mine-elsewhere", mine.id, foreign.parentId)), "under another township").toBe("42501");
        expect(await outcome(c, ...row("as-sibling", sibling, township)), "as another village").toBe("42501");
        expect((await c.query(`UPDATE "TownshipPhotoHash" SET "matterTitle" = '改写' WHERE id = 'sibling-photo'`)).rowCount, "no update policy").toBe(0);
        await c.query("ROLLBACK");
      });
    }
  });

  it("leaves the app role no way to change the audit log or the policies", async () => {
    await withClient(urls.app, async (c) => {
      await c.query("BEGIN");
      expect(await outcome(c, `UPDATE "AuditEntry" SET action = 'x'`)).toBe("42501");
      expect(await outcome(c, `DELETE FROM "AuditEntry"`)).toBe("42501");
      expect(await outcome(c, `TRUNCATE "AuditEntry"`)).toBe("42501");
      expect(await outcome(c, `UPDATE "AuditCheckpoint" SET size = size`)).toBe("42501");
      expect(await outcome(c, `ALTER TABLE "Person" DISABLE ROW LEVEL SECURITY`)).toBe("42501");
      expect(await outcome(c, `ALTER TABLE "Person" NO FORCE ROW LEVEL SECURITY`)).toBe("42501");
      expect(await outcome(c, `DROP POLICY "Person_scope" ON "Person"`)).toBe("42501");
      expect(await outcome(c, `DROP TRIGGER "AuditEntry_no_update_delete" ON "AuditEntry"`)).toBe("42501");
      expect(await outcome(c, `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'x', 'x')`)).toBe("42501");
      await c.query("ROLLBACK");
      const privileges = (
        await c.query(`SELECT has_table_privilege('"AuditEntry"', 'INSERT') AS append, has_table_privilege('"AuditEntry"', 'SELECT') AS read`)
      ).rows[0];
      expect(privileges).toEqual({ append: true, read: true });
    });
  });
});
