/**
 * Signs a checkpoint of an organization's log as it stands (DESIGN.md §6, c2sp.org/tlog-checkpoint) and stores it in
 * AuditCheckpoint. Safe with several nodes: signing is serialized per organization by a transaction-scoped advisory
 * lock, the last checkpoint is re-read inside it, and a tree of an unchanged size is never signed twice.
 *
 * The tree is built from the stored leaf hashes. Before signing, the entries added since the last checkpoint are
 * checked against their own bytes (leaf hash, seq, org, prev chain), the last checkpoint's signature is checked
 * with our key, and the signer refuses a tree that does not extend it (RFC 9162 §2.1.4). A rewritten, truncated
 * or reordered table therefore stops getting signatures instead of getting a fresh signed root.
 */

import { currentDb } from "../db";
import { markAlertsDirty } from "../db/alertsDirty";
import { AppError } from "../errors";
import { getRuntime } from "../runtime";
import { auditSigner } from "./auditSigner";
import { openCheckpoint, readCheckpoint } from "./checkpoint";
import { merkleRoot } from "./merkle";
import { readSignedHead, recordSignedHead } from "./signedHeads";
import { latestCheckpoint, logOrigin, readLeafHashes, type StoredCheckpoint, streamEntries } from "./store";
import { decodeEntry, leafHash, ZERO_HASH_HEX } from "./verify.mjs";
import { scheduleWitnessing } from "./witnessing";

export type CheckpointResult = { orgId: string; size: number; rootHash: string; note: string; signed: boolean };

function refuse(problem: string, details: Record<string, unknown> = {}): AppError {
  return new AppError("internal", `refusing to sign an audit checkpoint: ${problem}`, {
    details: { reason: "inconsistent_tree", ...details },
  });
}

function asResult(row: StoredCheckpoint, signed: boolean): CheckpointResult {
  return { orgId: row.orgId, size: row.size, rootHash: row.rootHash, note: row.note, signed };
}

/** Our own key must have signed the checkpoint we extend: a row planted in the table is not a previous tree head. */
function checkOwnSignature(row: StoredCheckpoint, origin: string): void {
  try {
    openCheckpoint(row.note, auditSigner().verifiers(origin), origin);
  } catch (error) {
    throw refuse(`the stored checkpoint of size ${row.size} does not verify: ${(error as Error).message}`, { size: row.size });
  }
  const head = readCheckpoint(row.note);
  if (head.size !== row.size || Buffer.from(head.root).toString("hex") !== row.rootHash) {
    throw refuse(`the stored checkpoint row of size ${row.size} disagrees with its signed note`, { size: row.size });
  }
}

/**
 * The newest checkpoint this node signed (signedHeads.ts) must still be in the database. `own` is that record, read
 * BEFORE `last` was read from the database: a checkpoint that a concurrent call commits and records in between is
 * then never mistaken for one that went missing.
 */
function checkNotForgotten(last: StoredCheckpoint | null, own: ReturnType<typeof readSignedHead>): void {
  if (own && (last === null || last.size < own.size)) {
    throw refuse(`the checkpoint of size ${own.size} this server signed is missing from the database (entries or checkpoints were deleted)`, {
      size: own.size,
    });
  }
}

/** The entries since the last checkpoint are what this signature vouches for first: check them against their bytes. */
async function checkTail(orgId: string, fromSeq: number, hashes: readonly Buffer[]): Promise<void> {
  let prev = fromSeq === 0 ? ZERO_HASH_HEX : (hashes[fromSeq - 1] as Buffer).toString("hex");
  for await (const row of streamEntries(orgId, fromSeq)) {
    let entry: ReturnType<typeof decodeEntry>;
    try {
      entry = decodeEntry(row.bytes);
    } catch (error) {
      throw refuse(`entry seq ${row.seq} is not a valid entry: ${(error as Error).message}`, { seq: row.seq });
    }
    if (entry.seq !== row.seq || entry.org !== orgId) throw refuse(`entry seq ${row.seq} claims seq ${entry.seq} of org ${entry.org}`, { seq: row.seq });
    if (entry.prev !== prev) throw refuse(`entry seq ${row.seq} does not chain to seq ${row.seq - 1}`, { seq: row.seq });
    const leaf = leafHash(row.bytes).toString("hex");
    if (leaf !== row.leafHash) throw refuse(`the stored leaf hash of seq ${row.seq} does not match its bytes`, { seq: row.seq });
    prev = leaf;
  }
}

/**
 * Signs and stores a checkpoint of the whole log if it grew since the last one; returns the latest checkpoint either
 * way (`signed` says whether this call signed it), or null for an empty log. Throws AppError("internal") with
 * details.reason "inconsistent_tree" when the stored log no longer extends its last checkpoint.
 */
export async function checkpointNow(orgId: string): Promise<CheckpointResult | null> {
  const { prisma } = currentDb();
  const origin = await logOrigin(orgId);
  const dataDir = getRuntime().config.dataDir;
  // Read and hash outside the transaction: PGlite runs one query at a time, and an open transaction blocks all others.
  const ownBefore = readSignedHead(dataDir, orgId);
  const before = await latestCheckpoint(orgId);
  const { seqs, hashes } = await readLeafHashes(orgId);
  const gap = seqs.findIndex((seq, index) => seq !== index);
  if (gap !== -1) throw refuse(`entry seq ${gap} is missing or out of place`, { seq: gap });
  const size = hashes.length;
  checkNotForgotten(before, ownBefore);
  if (before && before.size > size) throw refuse(`the log shrank from ${before.size} to ${size} entries`, { size });
  if (before && before.size === size) return asResult(before, false);
  if (size === 0) return null;
  if (before) checkOwnSignature(before, origin);
  await checkTail(orgId, before?.size ?? 0, hashes);
  const next = { size, root: merkleRoot(hashes) };

  const result = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`yishi-checkpoint:${orgId}`}))`;
      const ownNow = readSignedHead(dataDir, orgId);
      const last = await latestCheckpoint(orgId, tx);
      if (last && last.size >= size) return asResult(last, false);
      checkNotForgotten(last, ownNow);
      if (last && last.size !== before?.size) checkOwnSignature(last, origin);
      const signer = auditSigner();
      const previous = last ? readCheckpoint(last.note) : null;
      const note = signer.sign({ origin, previous, next, evidence: { leafHashes: hashes } });
      const row = await tx.auditCheckpoint.create({
        data: { orgId, size, rootHash: next.root.toString("hex"), note },
      });
      return asResult(row, true);
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
  if (result.signed) {
    recordSignedHead(dataDir, orgId, { size: result.size, root: result.rootHash });
    // The checkpoint now covers more of the log: "no checkpoint after adjourning" may be gone (stored alerts).
    await markAlertsDirty(orgId);
    // Witnesses are asked in the background (YISHI_WITNESSES): a slow or absent witness never holds up the caller.
    scheduleWitnessing(orgId);
  }
  return result;
}
