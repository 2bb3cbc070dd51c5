/**
 * The floor for audit verification (issue #24): the hashing any verifier must do, with node:crypto in one process
 * and nothing else — read entries.jsonl, hash every entry's bytes as a Merkle leaf (sha256 of 0x00 ‖ bytes) and
 * fold the leaves into the tree's root (sha256 of 0x01 ‖ left ‖ right per inner node). No parsing, no chain or
 * signature checks.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function hashFloor(entriesFile: string): { entries: number; ms: number; root: string } {
  const started = performance.now();
  const text = readFileSync(entriesFile);
  // A compact range: one pending hash per level, as an append-only Merkle tree is built.
  const levels: (Buffer | undefined)[] = [];
  let entries = 0;
  let from = 0;
  for (;;) {
    const end = text.indexOf(10, from);
    const stop = end < 0 ? text.length : end;
    if (stop > from) {
      let hash = createHash("sha256").update(LEAF).update(text.subarray(from, stop)).digest();
      entries += 1;
      let level = 0;
      for (;;) {
        const left = levels[level];
        if (!left) {
          levels[level] = hash;
          break;
        }
        hash = createHash("sha256").update(NODE).update(left).update(hash).digest();
        levels[level] = undefined;
        level += 1;
      }
    }
    if (end < 0) break;
    from = end + 1;
  }
  let root: Buffer | undefined;
  for (const hash of levels) if (hash) root = root ? createHash("sha256").update(NODE).update(hash).update(root).digest() : hash;
  return { entries, ms: performance.now() - started, root: root?.toString("hex") ?? "" };
}
