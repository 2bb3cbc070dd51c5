/**
 * The township's witness hosted by the deployment (issue #21 item 3), against a real database: a village's
 * checkpoints are cosigned by it with no YISHI_WITNESSES; its key is its own and out of the village signer's reach;
 * and a village log rewritten in the database and re-signed is refused, kept as evidence in the witness's own store,
 * and shown as a red alert with both checkpoints.
 */

import { KeyObject } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppendInput, appendAuditMany } from "../audit/append";
import { auditKeys } from "../audit/auditSigner";
import { checkpointNow } from "../audit/checkpointNow";
import { exportOrgBundle } from "../audit/exportFromDb";
import { localWitnessHost } from "../audit/localWitness";
import { SIGNED_HEADS_FILE } from "../audit/signedHeads";
import { appendTestEntries, openTestDb, type TestDb } from "../audit/testDb";
import { entryFields } from "../audit/testLog";
import { parseWitnessVkey, verifyBundle, verifyCosignatures } from "../audit/verify.mjs";
import { configuredWitnesses, stopWitnessing, WITNESSES_ENV, withCosignatures, witnessOrg } from "../audit/witnessing";
import { alertsForOrganization } from "../queries/alerts";
import { splitViewsOf } from "../queries/splitViews";
import { witnessView } from "../queries/witnessView";
import { startTownshipWitnesses, TownshipWitnessError, type TownshipWitnesses, townshipWitnessVkeys } from "./township";

const TOWNSHIP = "org_town1";
const VILLAGE = "org_village1";
const COOP = "org_coop1";
const LONE = "org_lone1";
let t: TestDb;
let host: TownshipWitnesses;
let savedWitnesses: string | undefined;

beforeEach(async () => {
  savedWitnesses = process.env[WITNESSES_ENV];
  delete process.env[WITNESSES_ENV];
  t = await openTestDb();
  const { prisma } = t.db;
  await prisma.organization.create({ data: { id: TOWNSHIP, name: "大沥镇（测试）", level: "township" } });
  await prisma.organization.create({ data: { id: VILLAGE, name: "平洲村", level: "village", parentId: TOWNSHIP } });
  await prisma.organization.create({ data: { id: COOP, name: "平洲一社", level: "cooperative", parentId: VILLAGE } });
  await prisma.organization.create({ data: { id: LONE, name: "独立村", level: "village" } });
  await appendTestEntries(t.db, VILLAGE, 12);
  await checkpointNow(VILLAGE);
  host = await startTownshipWitnesses({ dataDir: t.dataDir });
});

afterEach(async () => {
  await stopWitnessing();
  await host.close();
  await t.close();
  if (savedWitnesses === undefined) delete process.env[WITNESSES_ENV];
  else process.env[WITNESSES_ENV] = savedWitnesses;
});

const vkeyOfTownship = async () => (await host.witnessOfTownship(TOWNSHIP))!.vkey;

describe("the township hosts a witness for its villages", () => {
  it("cosigns a village's checkpoints with no YISHI_WITNESSES, also in the background after each checkpoint", async () => {
    expect(configuredWitnesses()).toEqual([]);
    const vkey = await vkeyOfTownship();
    const [outcome] = await witnessOrg(VILLAGE);
    expect(outcome).toMatchObject({ status: "ok", size: 12, witness: expect.stringContaining(`/township/${TOWNSHIP}+`) });
    // After the next checkpoint, the background submission (scheduleWitnessing) asks the township's witness by itself.
    await appendTestEntries(t.db, VILLAGE, 5);
    const note = (await checkpointNow(VILLAGE))!.note;
    await stopWitnessing(); // waits for the submission under way
    const cosigned = await withCosignatures(VILLAGE, 17, note);
    expect(verifyCosignatures(cosigned, [parseWitnessVkey(vkey)])).toHaveLength(1);
    const view = await witnessView(VILLAGE);
    expect(view.witnesses).toMatchObject([{ status: "ok", knownSize: 17, display: "大沥镇（测试）", townshipVkey: vkey }]);
    expect(view.checkpoints.map((c) => [c.size, c.witnessedBy.map((w) => w.display)])).toEqual([
      [17, ["大沥镇（测试）"]],
      [12, ["大沥镇（测试）"]],
    ]);
    // A cooperative under the village has the same witness; a village under no township has none.
    expect((await host.witnessFor(COOP))?.vkey).toBe(vkey);
    expect(await host.witnessFor(LONE)).toBeNull();
    await appendTestEntries(t.db, LONE, 3);
    await checkpointNow(LONE);
    expect(await witnessOrg(LONE)).toEqual([]);
    // The witness CLI's listing (`npm run witness -- township-vkeys`) prints the same key.
    expect(townshipWitnessVkeys(host.dir, vkey.split("/township/")[0]!)).toEqual([{ townshipId: TOWNSHIP, vkey }]);
  });

  it("puts its cosignatures in the village's export bundle and names its key in README.txt, so verify.mjs --witness passes", async () => {
    const vkey = await vkeyOfTownship();
    await witnessOrg(VILLAGE);
    const dir = path.join(t.dataDir, "bundle");
    const exported = await exportOrgBundle(VILLAGE, dir, { sign: false });
    expect(exported.problem).toBeNull();
    expect(readFileSync(path.join(dir, "README.txt"), "utf8")).toContain(vkey);
    const summary = await verifyBundle(dir, { witnesses: [parseWitnessVkey(vkey)], minWitnesses: 1 });
    expect(summary.checkpoints.at(-1)?.cosignedBy?.map((w) => w.name)).toEqual([vkey.split("+")[0]]);
  });

  it("keeps its key apart: own file (0600) and database outside the signer's reach, no key behind the registration", async () => {
    const vkey = await vkeyOfTownship();
    const witnessPublic = parseWitnessVkey(vkey).publicKey.toString("hex");
    // The village signer's keys: YISHI_AUDIT_KEY or <data dir>/audit-key.pem only; the witness key is none of them.
    const signer = auditKeys();
    expect(signer.source).toMatchObject({ kind: "file", path: path.join(t.dataDir, "audit-key.pem") });
    expect(signer.keys.map((k) => k.publicKey.toString("hex"))).not.toContain(witnessPublic);
    const keyFile = path.join(t.dataDir, "township-witness", "keys", TOWNSHIP, "witness-key.pem");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(t.dataDir, "audit-key.pem"), "utf8")).not.toBe(readFileSync(keyFile, "utf8"));
    // Its own database, not the village's: the witness tables are not in the village database.
    expect(readdirSync(path.join(t.dataDir, "township-witness", "db"))).toContain("pglite");
    const tables = await t.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name LIKE 'witness_%'",
    );
    expect(tables[0]!.n).toBe(0);
    // What the village log's code can reach (server/audit/localWitness.ts) holds no private key.
    const reachable = [localWitnessHost(), await localWitnessHost()!.witnessFor(VILLAGE)];
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== "object" || seen.has(value)) {
        if (typeof value === "string") expect(value).not.toMatch(/PRIVATE KEY/);
        return;
      }
      seen.add(value);
      expect(value).not.toBeInstanceOf(KeyObject);
      for (const key of Reflect.ownKeys(value)) walk((value as Record<string | symbol, unknown>)[key]);
    };
    for (const value of reachable) walk(value);
    // The village log's code never imports the witness (the architecture test enforces the same arrow).
    const auditDir = path.join(process.cwd(), "server", "audit");
    for (const file of readdirSync(auditDir).filter((f) => /\.(ts|mjs|mts)$/.test(f) && !f.includes(".test."))) {
      expect({ file, imports: /from "\.\.\/witness\//.test(readFileSync(path.join(auditDir, file), "utf8")) }).toEqual({ file, imports: false });
    }
    // A township witness given the audit key itself is refused.
    await t.db.prisma.organization.create({ data: { id: "org_town2", name: "第二镇", level: "township" } });
    mkdirSync(path.join(host.dir, "keys", "org_town2"), { recursive: true, mode: 0o700 });
    copyFileSync(path.join(t.dataDir, "audit-key.pem"), path.join(host.dir, "keys", "org_town2", "witness-key.pem"));
    await expect(host.witnessOfTownship("org_town2")).rejects.toBeInstanceOf(TownshipWitnessError);
  });

  it("a village log rewritten in the database and re-signed is refused, kept as evidence and shown red with both checkpoints", async () => {
    await witnessOrg(VILLAGE);
    // The operator replaces the log behind the triggers' back and signs a fresh tree with the server's own key.
    await t.asSuperuserBypassingTriggers([
      `DELETE FROM "AuditEntry" WHERE "orgId" = '${VILLAGE}'`,
      `DELETE FROM "AuditCheckpoint" WHERE "orgId" = '${VILLAGE}'`,
      `DELETE FROM "AuditWitnessState" WHERE "orgId" = '${VILLAGE}'`,
    ]);
    rmSync(path.join(t.dataDir, SIGNED_HEADS_FILE), { force: true });
    const inputs: AppendInput[] = Array.from({ length: 14 }, (_, seq) => {
      const f = entryFields(seq, VILLAGE);
      return {
        orgId: VILLAGE,
        meetingId: f.meeting,
        actor: f.actor,
        action: f.action,
        object: f.object,
        data: { ...f.data, rewritten: seq },
        now: new Date(f.ts),
      };
    });
    await t.db.prisma.$transaction((tx) => appendAuditMany(tx, inputs));
    expect((await checkpointNow(VILLAGE))?.signed).toBe(true);
    await stopWitnessing(); // the background submission after that checkpoint is refused
    const view = await witnessView(VILLAGE);
    expect(view.witnesses).toMatchObject([{ status: "refused", refusedSize: 14, inconsistent: true, display: "大沥镇（测试）" }]);
    expect(view.witnesses[0]!.lastError).toMatch(/^HTTP 422/);
    expect((await witnessOrg(VILLAGE))[0]).toMatchObject({ status: "skipped", size: 14 });

    // The evidence is the witness's own (its database), with both notes and the proof.
    const [detail] = (await splitViewsOf([VILLAGE])).get(VILLAGE)!;
    expect(detail!.fact.cosigned.size).toBe(12);
    expect(detail!.fact.submitted.size).toBe(14);
    expect(detail!.fact.cosigned.rootHash).not.toBe(detail!.fact.submitted.rootHash);
    expect(detail!.fact.cosigned.at).toBeInstanceOf(Date);
    expect(detail!.proof.length).toBeGreaterThan(0);
    expect(detail!.known).toContain("\n12\n");

    const alerts = await alertsForOrganization(VILLAGE);
    const red = alerts.filter((a) => a.code === "witness_split_view");
    expect(red).toHaveLength(1);
    expect(red[0]).toMatchObject({ level: "red", evidence: { href: `/orgs/${VILLAGE}/witness` } });
    expect(red[0]!.message["zh-CN"]).toContain(`已见证：前 12 条，根哈希 ${detail!.fact.cosigned.rootHash}`);
    expect(red[0]!.message["zh-CN"]).toContain(`新提交：前 14 条，根哈希 ${detail!.fact.submitted.rootHash}`);
    expect(red[0]!.message["zh-CN"]).toContain("镇街见证（大沥镇（测试））");
    // A clean neighbour shows nothing of it.
    expect((await alertsForOrganization(COOP)).filter((a) => a.code === "witness_split_view")).toEqual([]);
  });
});
