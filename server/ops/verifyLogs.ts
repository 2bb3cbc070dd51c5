/**
 * Checks every organization's audit log in a database the way a supervisor's offline check would (verify.mjs's
 * verifyBundle: bytes, seq, prev chain, every checkpoint's signature and root), against public keys the caller
 * names — a restore checks against the keys in the backup, not whatever key this machine happens to hold. Besides:
 * each row's stored leaf hash against its bytes, and a log without any checkpoint yet has its chain checked.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PrismaClient } from "../../generated/prisma/client";
import { readCheckpoint } from "../audit/checkpoint";
import { writeBundle } from "../audit/exportBundle";
import { readCheckpoints, streamEntries, streamEntryBytes } from "../audit/store";
import { decodeEntry, leafHash, ZERO_HASH_HEX } from "../audit/verify.mjs";

export type LogCheck = { orgId: string; entries: number; checkpoints: number; problem: string | null };

async function chainProblem(prisma: PrismaClient, orgId: string): Promise<{ entries: number; problem: string | null }> {
  let prev = ZERO_HASH_HEX;
  let expected = 0;
  for await (const row of streamEntries(orgId, 0, prisma)) {
    const leaf = leafHash(row.bytes).toString("hex");
    if (row.seq !== expected) return { entries: expected, problem: `seq ${expected} is missing` };
    if (leaf !== row.leafHash) return { entries: expected, problem: `seq ${row.seq}: the stored leaf hash does not match the entry's bytes` };
    try {
      const entry = decodeEntry(row.bytes);
      if (entry.seq !== row.seq || entry.org !== orgId)
        return { entries: expected, problem: `seq ${row.seq}: the entry claims seq ${entry.seq} of org ${entry.org}` };
      if (entry.prev !== prev) return { entries: expected, problem: `seq ${row.seq} does not chain to seq ${row.seq - 1}` };
    } catch (error) {
      return { entries: expected, problem: `seq ${row.seq}: ${(error as Error).message}` };
    }
    prev = leaf;
    expected += 1;
  }
  return { entries: expected, problem: null };
}

export async function verifyLog(prisma: PrismaClient, orgId: string, publicKeys: readonly Uint8Array[]): Promise<LogCheck> {
  const chain = await chainProblem(prisma, orgId);
  const rows = await readCheckpoints(orgId, prisma);
  const result = { orgId, entries: chain.entries, checkpoints: rows.length };
  if (chain.problem) return { ...result, problem: chain.problem };
  if (rows.length === 0) return { ...result, problem: null };
  for (const row of rows) {
    const head = readCheckpoint(row.note);
    if (head.size !== row.size || Buffer.from(head.root).toString("hex") !== row.rootHash) {
      return { ...result, problem: `checkpoint ${row.size}: the stored size or root differs from the signed note` };
    }
  }
  const origin = readCheckpoint((rows[0] as { note: string }).note).origin;
  const dir = await mkdtemp(path.join(tmpdir(), "yishi-ops-verify-"));
  try {
    await writeBundle(path.join(dir, "bundle"), {
      origin,
      entries: streamEntryBytes(orgId, prisma),
      checkpoints: rows.map((r) => r.note),
      keys: publicKeys.map((publicKey) => ({ name: origin, publicKey })),
      exportedAt: new Date(),
      verify: true,
    });
    return { ...result, problem: null };
  } catch (error) {
    return { ...result, problem: (error as Error).message };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Organizations that have a log (entries or checkpoints). */
export async function orgsWithLogs(prisma: PrismaClient): Promise<string[]> {
  const [entries, checkpoints] = await Promise.all([
    prisma.auditEntry.groupBy({ by: ["orgId"], orderBy: { orgId: "asc" } }),
    prisma.auditCheckpoint.groupBy({ by: ["orgId"], orderBy: { orgId: "asc" } }),
  ]);
  return [...new Set([...entries, ...checkpoints].map((r) => r.orgId))].sort();
}

export async function verifyAllLogs(
  prisma: PrismaClient,
  publicKeys: readonly Uint8Array[],
  onLog: (check: LogCheck) => void = () => undefined,
): Promise<LogCheck[]> {
  const checks: LogCheck[] = [];
  for (const orgId of await orgsWithLogs(prisma)) {
    const check = await verifyLog(prisma, orgId, publicKeys);
    onLog(check);
    checks.push(check);
  }
  return checks;
}
