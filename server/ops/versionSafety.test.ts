import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { openDatabase, withDedicatedConnection } from "../db/client";
import { migrate } from "../db/migrate";
import { runServerToExit } from "../testing/server";

describe("version safety", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-newer-"));
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await drop?.();
  });

  it("refuses, in one clear line, to start on a database that a newer Yishi migrated", async () => {
    const fresh = process.env.DATABASE_URL ? await createFreshDatabase(process.env.DATABASE_URL) : undefined;
    drop = fresh?.drop;
    const db = await openDatabase({ dataDir, databaseUrl: fresh?.url });
    await withDedicatedConnection(db, fresh?.url, async (sql) => {
      await migrate(sql);
      // What a later Yishi leaves behind: a migration this one has never heard of.
      await sql.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`, [
        "00000000-0000-4000-8000-000000000001",
        "0".repeat(64),
        "29990101000000_from_a_newer_yishi",
      ]);
    });
    await db.close();

    const { code, output } = await runServerToExit({ YISHI_DATA_DIR: dataDir, DATABASE_URL: fresh?.url ?? "" });
    expect(code).toBe(1);
    const lines = output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("更新版本");
    expect(lines[0]).toContain("newer Yishi");
    expect(lines[0]).toContain("29990101000000_from_a_newer_yishi");
  });
});
