/**
 * Database tampering, each caught with the seq named: by the console's server-side check (verifyStoredLog), by the
 * exported bundle's own `node verify.mjs`, and by the signer, which refuses to sign the damaged log. Runs on PGlite,
 * or on PostgreSQL when DATABASE_URL is set.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkpointNow } from "./checkpointNow";
import { exportOrgBundle } from "./exportFromDb";
import { appendTestEntries, openTestDb, type TestDb } from "./testDb";
import { verifyStoredLog } from "./verifyStored";

const ORG = "org_village1";
let t: TestDb;
let savedCheckpoint: string;

beforeEach(async () => {
  t = await openTestDb();
  await appendTestEntries(t.db, ORG, 20);
  await checkpointNow(ORG);
  await appendTestEntries(t.db, ORG, 20);
  // What a supervisor printed in the paper minutes: the checkpoint of all 40 entries.
  savedCheckpoint = (await checkpointNow(ORG))?.note ?? "";
  await appendTestEntries(t.db, ORG, 5);
});
afterEach(async () => {
  await t.close();
});

async function exportAndVerify(extraArgs: string[] = []): Promise<{ code: number | null; out: string }> {
  const dir = path.join(t.dataDir, `bundle-${Date.now()}`);
  await exportOrgBundle(ORG, dir, { sign: false });
  const result = spawnSync(process.execPath, [path.join(dir, "verify.mjs"), ...extraArgs, dir], { encoding: "utf8" });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const at = (seq: number) => `WHERE "orgId" = '${ORG}' AND seq = ${seq}`;

describe("the append-only triggers", () => {
  it("refuse UPDATE, DELETE and TRUNCATE of entries and checkpoints in a normal session", async () => {
    const refused: string[] = [];
    await t.asNormalSession(async (sql) => {
      for (const statement of [
        `UPDATE "AuditEntry" SET action = 'org.updated' ${at(3)}`,
        `DELETE FROM "AuditEntry" ${at(3)}`,
        `TRUNCATE "AuditEntry"`,
        `UPDATE "AuditCheckpoint" SET "rootHash" = 'x'`,
        `DELETE FROM "AuditCheckpoint"`,
        `TRUNCATE "AuditCheckpoint"`,
      ]) {
        await sql.exec(statement).then(
          () => undefined,
          (error: Error) => refused.push(error.message),
        );
      }
    });
    expect(refused).toHaveLength(6);
    for (const message of refused) expect(message).toContain("audit log is append-only");
    expect(await t.db.prisma.auditEntry.count({ where: { orgId: ORG } })).toBe(45);
    expect((await verifyStoredLog(ORG)).ok).toBe(true);
  });
});

describe("tampering with the trigger bypassed is caught, naming the seq", () => {
  it("an entry edited (bytes and stored leaf hash)", async () => {
    const row = await t.db.prisma.auditEntry.findUniqueOrThrow({ where: { orgId_seq: { orgId: ORG, seq: 8 } } });
    const forged = row.bytes.replace('"note":"系统"', '"note":"篡改"');
    expect(forged).not.toBe(row.bytes);
    const { leafHash } = await import("./verify.mjs");
    const forgedLeaf = leafHash(Buffer.from(forged, "utf8")).toString("hex");
    await t.asSuperuserBypassingTriggers([`UPDATE "AuditEntry" SET bytes = '${forged}', "leafHash" = '${forgedLeaf}' ${at(8)}`]);

    expect(await verifyStoredLog(ORG)).toMatchObject({ ok: false, seq: 8 });
    const run = await exportAndVerify();
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^FAIL: .*entry seq 8 was altered/m);
    await expect(checkpointNow(ORG)).rejects.toThrow(/no longer hash to the last checkpoint root/);
  });

  it("an entry's bytes edited, leaving its stored leaf hash (the newest, unsigned entry)", async () => {
    const row = await t.db.prisma.auditEntry.findUniqueOrThrow({ where: { orgId_seq: { orgId: ORG, seq: 44 } } });
    const forged = row.bytes.replace('"note":"系统"', '"note":"篡改"');
    expect(forged).not.toBe(row.bytes);
    await t.asSuperuserBypassingTriggers([`UPDATE "AuditEntry" SET bytes = '${forged}' ${at(44)}`]);
    const status = await verifyStoredLog(ORG);
    expect(status).toMatchObject({ ok: false, seq: 44 });
    await expect(checkpointNow(ORG)).rejects.toThrow(/leaf hash of seq 44 does not match/);
  });

  it("an entry deleted", async () => {
    await t.asSuperuserBypassingTriggers([`DELETE FROM "AuditEntry" ${at(12)}`]);
    expect(await verifyStoredLog(ORG)).toMatchObject({ ok: false, seq: 12 });
    const run = await exportAndVerify();
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^FAIL: entries\.jsonl line 13: seq 13 where 12 was expected/m);
    await expect(checkpointNow(ORG)).rejects.toThrow(/entry seq 12 is missing/);
  });

  it("entries reordered (two rows' seq swapped)", async () => {
    await t.asSuperuserBypassingTriggers([
      `UPDATE "AuditEntry" SET seq = -1 ${at(5)}`,
      `UPDATE "AuditEntry" SET seq = 5 ${at(6)}`,
      `UPDATE "AuditEntry" SET seq = 6 ${at(-1)}`,
    ]);
    expect(await verifyStoredLog(ORG)).toMatchObject({ ok: false, seq: 5 });
    const run = await exportAndVerify();
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^FAIL: entries\.jsonl line 6: seq 6 where 5 was expected/m);
    await expect(checkpointNow(ORG)).rejects.toThrow(/refusing to sign/);
  });

  it("the log truncated with its newest checkpoints, caught against a saved checkpoint", async () => {
    await t.asSuperuserBypassingTriggers([
      `DELETE FROM "AuditEntry" WHERE "orgId" = '${ORG}' AND seq >= 30`,
      `DELETE FROM "AuditCheckpoint" WHERE "orgId" = '${ORG}' AND size > 30`,
    ]);
    // What is left is self-consistent: the bundle alone cannot tell that anything is missing…
    expect(await verifyStoredLog(ORG)).toMatchObject({ ok: true, entries: 30 });
    // …but the checkpoint kept outside the server can.
    const saved = path.join(t.dataDir, "saved-checkpoint.txt");
    writeFileSync(saved, savedCheckpoint);
    const run = await exportAndVerify(["--checkpoint", saved]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^FAIL: .*saved-checkpoint\.txt: tree size 40 but entries\.jsonl has only 30 entries; entries were removed/m);
    // And this server remembers what it signed, so it will not sign the shortened log.
    await expect(checkpointNow(ORG)).rejects.toThrow(/checkpoint of size 40 this server signed is missing/);
  });
});
