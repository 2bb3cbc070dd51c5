/**
 * Inclusion proofs of stored entries as c2sp.org/tlog-proof text (receipt.ts), against the latest signed checkpoint:
 * a named voter's receipt and the evidence page's proofs of vote.closed / vote.result. When no checkpoint covers the
 * entry yet, one is signed first (checkpointNow), so a proof always ends in a signed tree head.
 */

import { currentDb } from "../db";
import { AppError } from "../errors";
import { checkpointNow } from "./checkpointNow";
import { buildReceipt, parseTlogProof, receiptFileName } from "./receipt";
import { latestCheckpoint, readLeafHashes } from "./store";
import { withCosignatures } from "./witnessing";

export type EntryProof = {
  seq: number;
  /** The whole tlog-proof file: `node verify.mjs --receipt FILE BUNDLE` checks it. */
  text: string;
  fileName: string;
  checkpointSize: number;
  /** The audit path, leaf's sibling first, hex. */
  path: string[];
  leafHash: string;
};

/** The proof that entry `seq` of the organization's log is in its latest checkpoint. */
export async function proofForEntry(orgId: string, seq: number): Promise<EntryProof> {
  const { prisma } = currentDb();
  const row = await prisma.auditEntry.findUnique({ where: { orgId_seq: { orgId, seq } }, select: { bytes: true, leafHash: true } });
  if (!row) throw new AppError("not_found", "no such audit entry", { field: "seq" });
  let checkpoint = await latestCheckpoint(orgId);
  if (!checkpoint || checkpoint.size <= seq) {
    await checkpointNow(orgId);
    checkpoint = await latestCheckpoint(orgId);
  }
  if (!checkpoint || checkpoint.size <= seq) {
    throw new AppError("unavailable", "no signed checkpoint covers this entry yet; please try again in a moment");
  }
  const { hashes } = await readLeafHashes(orgId);
  // With the witnesses' cosignature lines, where present (issue #21): the receipt then shows the tree was witnessed.
  const note = await withCosignatures(orgId, checkpoint.size, checkpoint.note);
  const text = buildReceipt({ index: seq, entryBytes: Buffer.from(row.bytes, "utf8"), leafHashes: hashes, checkpoint: note });
  return {
    seq,
    text,
    fileName: receiptFileName(seq),
    checkpointSize: checkpoint.size,
    path: parseTlogProof(text).proof.map((hash) => hash.toString("hex")),
    leafHash: row.leafHash,
  };
}
