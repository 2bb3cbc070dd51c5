/**
 * One append for the entries of several organizations (a vote batch of a district's evening carries votes of many
 * villages): each organization's log must come out exactly as if its entries had been appended alone, and batches
 * appending to the same logs at once — in any order — must all commit, each log without a gap or a fork. Runs on
 * PGlite, or on PostgreSQL (real concurrent transactions) when DATABASE_URL is set.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppendInput, appendAuditMany } from "./append";
import { chainEntry } from "./canonical";
import { checkpointNow } from "./checkpointNow";
import { openTestDb, type TestDb } from "./testDb";
import { entryFields } from "./testLog";
import { verifyStoredLog } from "./verifyStored";

const ORGS = ["org_b", "org_a", "org_c"];
let t: TestDb;

beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => {
  await t.close();
});

function input(orgId: string, n: number): AppendInput {
  const fields = entryFields(n, orgId);
  return { orgId, meetingId: fields.meeting, actor: fields.actor, action: fields.action, object: fields.object, data: fields.data, now: new Date(fields.ts) };
}

/** The rows an organization's log should hold: its inputs chained one by one from an empty log. */
function chainedAlone(inputs: AppendInput[]): { seq: number; bytes: string; leafHash: string }[] {
  let head: { seq: number; leafHash: Uint8Array } | null = null;
  return inputs.map((i) => {
    const encoded = chainEntry(head, {
      ts: i.now ?? new Date(),
      org: i.orgId,
      meeting: i.meetingId ?? null,
      actor: i.actor,
      action: i.action,
      object: i.object,
      data: i.data,
    });
    head = { seq: encoded.entry.seq, leafHash: encoded.leafHash };
    return { seq: encoded.entry.seq, bytes: encoded.bytes.toString("utf8"), leafHash: encoded.leafHash.toString("hex") };
  });
}

async function stored(orgId: string) {
  return t.db.prisma.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" }, select: { seq: true, bytes: true, leafHash: true } });
}

describe("appending the entries of several organizations at once", () => {
  it("chains each organization's log exactly as appending its entries alone would, and continues each from its head", async () => {
    // Interleaved, as a batch of votes from three meetings arrives.
    const first = Array.from({ length: 12 }, (_, n) => input(ORGS[n % 3] as string, n));
    const appended = await t.db.prisma.$transaction((tx) => appendAuditMany(tx, first));
    expect(appended.map((a) => a.seq)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);

    const second = Array.from({ length: 7 }, (_, n) => input(ORGS[(n * 2) % 3] as string, 12 + n));
    await t.db.prisma.$transaction((tx) => appendAuditMany(tx, second));

    for (const orgId of ORGS) {
      const mine = [...first, ...second].filter((i) => i.orgId === orgId);
      expect(await stored(orgId)).toEqual(chainedAlone(mine));
      await checkpointNow(orgId);
      expect(await verifyStoredLog(orgId)).toMatchObject({ ok: true, entries: mine.length });
    }
  });

  it("batches appending to the same logs at once, in opposite orders, all commit without a gap or a fork", async () => {
    const batches = Array.from({ length: 8 }, (_, b) => {
      const orgs = b % 2 === 0 ? ORGS : [...ORGS].reverse();
      return orgs.flatMap((orgId, k) => [input(orgId, b * 10 + k), input(orgId, b * 10 + k + 5)]);
    });
    const results = await Promise.allSettled(
      batches.map((batch) => t.db.prisma.$transaction((tx) => appendAuditMany(tx, batch), { maxWait: 20_000, timeout: 20_000 })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    for (const orgId of ORGS) {
      const rows = await stored(orgId);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 16 }, (_, n) => n));
      await checkpointNow(orgId);
      expect(await verifyStoredLog(orgId)).toMatchObject({ ok: true, entries: 16 });
    }
  });

  it("an empty append writes nothing", async () => {
    expect(await t.db.prisma.$transaction((tx) => appendAuditMany(tx, []))).toEqual([]);
    expect(await t.db.prisma.auditEntry.count()).toBe(0);
  });
});
