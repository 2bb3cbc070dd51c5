import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkpointOnEvent } from "../listeners/checkpoint";
import { getRuntime } from "../runtime";
import { auditSigner } from "./auditSigner";
import { openCheckpoint, readCheckpoint } from "./checkpoint";
import { checkpointAllOrgs, orgsWithUnsignedEntries } from "./checkpointer";
import { checkpointNow } from "./checkpointNow";
import { exportOrgBundle } from "./exportFromDb";
import { consistencyProof, merkleRoot, verifyConsistency } from "./merkle";
import { proofForEntry } from "./proofs";
import { readLeafHashes } from "./store";
import { appendTestEntries, openTestDb, type TestDb } from "./testDb";
import { verifyReceipt } from "./verify.mjs";

const ORG = "org_village1";
let t: TestDb;

beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => {
  await t.close();
});

function runVerifier(args: string[]): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe("checkpointNow", () => {
  it("signs the whole stored log once, under the organization's origin, with a key file only the owner can read", async () => {
    await appendTestEntries(t.db, ORG, 25);
    const first = await checkpointNow(ORG);
    expect(first?.signed).toBe(true);
    expect(first?.size).toBe(25);
    const origin = `yishi.local/org/${ORG}`;
    const opened = openCheckpoint(first?.note ?? "", auditSigner().verifiers(origin), origin);
    const { hashes } = await readLeafHashes(ORG);
    expect(opened.root.equals(merkleRoot(hashes))).toBe(true);
    expect(statSync(path.join(t.dataDir, "audit-key.pem")).mode & 0o777).toBe(0o600);

    const again = await checkpointNow(ORG);
    expect(again).toMatchObject({ size: 25, signed: false, note: first?.note });
    expect(await t.db.prisma.auditCheckpoint.count({ where: { orgId: ORG } })).toBe(1);
  });

  it("signs a larger tree that provably extends the last checkpoint", async () => {
    await appendTestEntries(t.db, ORG, 10);
    const small = await checkpointNow(ORG);
    await appendTestEntries(t.db, ORG, 7);
    const large = await checkpointNow(ORG);
    expect(large?.size).toBe(17);
    const { hashes } = await readLeafHashes(ORG);
    const a = readCheckpoint(small?.note ?? "");
    const b = readCheckpoint(large?.note ?? "");
    expect(verifyConsistency(10, 17, a.root, b.root, consistencyProof(10, hashes, 17))).toBe(true);
  });

  it("keeps an organization's origin from its first checkpoint when YISHI_PUBLIC_ORIGIN changes later", async () => {
    getRuntime().config.publicOrigin = "https://cun.example.cn:8443/app";
    await appendTestEntries(t.db, ORG, 3);
    expect(readCheckpoint((await checkpointNow(ORG))?.note ?? "").origin).toBe(`cun.example.cn:8443/org/${ORG}`);
    getRuntime().config.publicOrigin = "https://elsewhere.example.cn";
    await appendTestEntries(t.db, ORG, 3);
    expect(readCheckpoint((await checkpointNow(ORG))?.note ?? "").origin).toBe(`cun.example.cn:8443/org/${ORG}`);
  });

  it("signs nothing for an empty log", async () => {
    expect(await checkpointNow("org_empty")).toBeNull();
  });

  it("never signs two checkpoints of one tree when asked concurrently", async () => {
    await appendTestEntries(t.db, ORG, 30);
    const results = await Promise.all([checkpointNow(ORG), checkpointNow(ORG), checkpointNow(ORG)]);
    expect(results.filter((r) => r?.signed)).toHaveLength(1);
    expect(await t.db.prisma.auditCheckpoint.count({ where: { orgId: ORG } })).toBe(1);
  });
});

describe("when checkpoints are signed", () => {
  it("after a meeting adjourns (for the organization the command named in its event), not on an attendance change", async () => {
    const { prisma } = t.db;
    const org = await prisma.organization.create({ data: { name: "测试村", level: "village" } });
    const body = await prisma.body.create({ data: { orgId: org.id, kind: "villager-representatives", name: "村民代表会议" } });
    const meeting = await prisma.meeting.create({
      data: { shortCode: "T3ST", orgId: org.id, bodyId: body.id, number: "1", title: "测试会议", startsAt: new Date(), place: "村委会" },
    });
    await appendTestEntries(t.db, org.id, 6);
    await checkpointOnEvent({ type: "attendance.changed", orgId: org.id, meetingId: meeting.id });
    expect(await prisma.auditCheckpoint.count({ where: { orgId: org.id } })).toBe(0);
    await checkpointOnEvent({ type: "meeting.adjourned", orgId: org.id, meetingId: meeting.id });
    expect(await prisma.auditCheckpoint.findMany({ where: { orgId: org.id }, select: { size: true } })).toEqual([{ size: 6 }]);
    await appendTestEntries(t.db, org.id, 2);
    await checkpointOnEvent({ type: "vote.closed", orgId: org.id, meetingId: meeting.id, motionId: "m1" });
    await checkpointOnEvent({ type: "minutes.signed", orgId: org.id, meetingId: meeting.id });
    expect((await prisma.auditCheckpoint.findMany({ where: { orgId: org.id }, select: { size: true } })).map((c) => c.size)).toEqual([6, 8]);
  });

  it("signs only the organizations whose log grew since their last checkpoint", async () => {
    await appendTestEntries(t.db, ORG, 5);
    await appendTestEntries(t.db, "org_coop2", 4);
    await checkpointNow(ORG);
    expect(await orgsWithUnsignedEntries()).toEqual(["org_coop2"]);
    const round = await checkpointAllOrgs();
    expect(round.signed.map((s) => [s.orgId, s.size])).toEqual([["org_coop2", 4]]);
    expect(round.failed).toEqual([]);
    expect(await orgsWithUnsignedEntries()).toEqual([]);
  });
});

describe("exports and proofs from the database", () => {
  it("writes a bundle that the standalone verify.mjs accepts, signing the unsigned tail first", async () => {
    await appendTestEntries(t.db, ORG, 12);
    await checkpointNow(ORG);
    await appendTestEntries(t.db, ORG, 3);
    const dir = path.join(t.dataDir, "bundle");
    const result = await exportOrgBundle(ORG, dir);
    expect(result.problem).toBeNull();
    expect(result.summary).toMatchObject({ entries: 15, latestCheckpointSize: 15, unsignedTail: 0 });
    const run = runVerifier([path.join(dir, "verify.mjs"), dir]);
    expect(run.out).toContain("OK: audit log verified");
    expect(run.code).toBe(0);
  });

  it("proves an entry into the latest checkpoint as a receipt the verifier accepts", async () => {
    await appendTestEntries(t.db, ORG, 9);
    const proof = await proofForEntry(ORG, 6);
    expect(proof.checkpointSize).toBe(9);
    const origin = `yishi.local/org/${ORG}`;
    const checked = verifyReceipt(proof.text, auditSigner().verifiers(origin), origin);
    expect(checked.index).toBe(6);
    expect(checked.entry.seq).toBe(6);
  });
});
