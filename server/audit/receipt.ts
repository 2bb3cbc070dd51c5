/**
 * Vote receipts in the c2sp.org/tlog-proof@v1 text format (file extension .tlog-proof):
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64 of the entry's exact bytes>
 *   index <seq>
 *   <base64 inclusion-proof hash>        (zero or more, leaf's sibling first — RFC 9162 §2.1.3.1)
 *
 *   <the checkpoint note, verbatim>
 *
 * The spec leaves `extra` to the application; we put the entry itself there so the receipt is self-contained: a
 * voter (or anyone they show it to) can see what was recorded and check it against the signed checkpoint without
 * the rest of the log. It is not trusted on its own: it counts only because its leaf hash proves into the root.
 */
import { readCheckpoint } from "./checkpoint";
import { inclusionProof, leafHash, verifyInclusion } from "./merkle";
import type { TlogProof } from "./verify.mjs";
import { parseTlogProof, TLOG_PROOF_HEADER, verifyReceipt } from "./verify.mjs";

export type { TlogProof };
export { parseTlogProof, TLOG_PROOF_HEADER, verifyReceipt };

/** Formats a tlog-proof. The checkpoint must be a complete signed note. */
export function formatTlogProof(proof: { extra: Uint8Array | null; index: number; proof: readonly Uint8Array[]; checkpoint: string }): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) throw new RangeError("index must be an integer ≥ 0");
  if (proof.proof.some((hash) => hash.length !== 32)) throw new RangeError("proof hashes are 32 bytes");
  const lines: string[] = [TLOG_PROOF_HEADER];
  if (proof.extra !== null) lines.push(`extra ${Buffer.from(proof.extra).toString("base64")}`);
  lines.push(`index ${proof.index}`, ...proof.proof.map((hash) => Buffer.from(hash).toString("base64")));
  return `${lines.join("\n")}\n\n${proof.checkpoint}`;
}

/**
 * Builds the receipt for the entry at `index` under a signed checkpoint whose tree includes it. Throws if the
 * entry bytes or the leaf hashes do not match that checkpoint, so a receipt that would not verify is never issued.
 */
export function buildReceipt(input: {
  index: number;
  entryBytes: Uint8Array;
  /** The log's leaf hashes from seq 0, at least as many as the checkpoint's size. */
  leafHashes: readonly Uint8Array[];
  checkpoint: string;
}): string {
  const { size, root } = readCheckpoint(input.checkpoint);
  if (input.index >= size) throw new RangeError(`entry ${input.index} is not covered by the checkpoint (size ${size})`);
  const leaf = leafHash(input.entryBytes);
  if (!leaf.equals(Buffer.from(input.leafHashes[input.index]))) {
    throw new Error(`entry bytes do not match leaf ${input.index}`);
  }
  const proof = inclusionProof(input.index, input.leafHashes, size);
  if (!verifyInclusion(input.index, size, leaf, proof, root)) {
    throw new Error("leaf hashes do not match the checkpoint's root");
  }
  return formatTlogProof({ extra: input.entryBytes, index: input.index, proof, checkpoint: input.checkpoint });
}

/** A file name for a receipt, e.g. `yishi-vote-1234.tlog-proof` (the spec's suggested extension). */
export function receiptFileName(index: number): string {
  return `yishi-vote-${index}.tlog-proof`;
}
