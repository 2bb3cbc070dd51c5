/**
 * RFC 9162 §2.1 Merkle tree over leaf hashes: roots, inclusion proofs and consistency proofs. Hashing and proof
 * verification live in verify.mjs (the offline verifier must carry them too); this module adds what only the server
 * needs: building proofs. Leaf hashes are passed in (the append helper stores each entry's leaf hash), so nothing
 * here re-reads entries.
 *
 * Cost: a root or proof over n leaves does about n node hashes (~1 µs each), with no recursion, so a million-leaf
 * log takes about a second and no deep stack.
 */
import { CompactRange, EMPTY_ROOT, leafHash, nodeHash, rootFromInclusionProof, verifyConsistency, verifyInclusion } from "./verify.mjs";

export { CompactRange, EMPTY_ROOT, leafHash, nodeHash, rootFromInclusionProof, verifyConsistency, verifyInclusion };

/** RFC 9162 §2.1.1: k, the largest power of two smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`split point needs n ≥ 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkRange(leaves: readonly Uint8Array[], start: number, end: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > leaves.length) {
    throw new RangeError(`leaf range [${start}, ${end}) is outside the ${leaves.length} leaves given`);
  }
}

/** MTH(D[start:end]) over leaf hashes. */
export function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Buffer {
  checkRange(leaves, start, end);
  const range = new CompactRange();
  for (let i = start; i < end; i += 1) range.push(leaves[i]);
  return range.root();
}

/** MTH(D[0:size]): the root of the tree of the first `size` leaves (default: all). */
export function merkleRoot(leaves: readonly Uint8Array[], size: number = leaves.length): Buffer {
  return subtreeRoot(leaves, 0, size);
}

/** Leaf hashes of entries given as their exact bytes. */
export function leafHashes(entries: Iterable<Uint8Array>): Buffer[] {
  return Array.from(entries, (bytes) => leafHash(bytes));
}

/**
 * RFC 9162 §2.1.3.1 PATH(m, D[n]), unrolled: walk down from the root, noting the sibling subtree at each split,
 * then list them leaf-side first as the RFC orders the path.
 */
export function inclusionProof(index: number, leaves: readonly Uint8Array[], size: number = leaves.length): Buffer[] {
  checkRange(leaves, 0, size);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`leaf index ${index} is outside a tree of size ${size}`);
  }
  const siblings: Buffer[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      siblings.push(subtreeRoot(leaves, lo + k, hi));
      hi = lo + k;
    } else {
      siblings.push(subtreeRoot(leaves, lo, lo + k));
      lo += k;
    }
  }
  return siblings.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), unrolled the same way. The proof between equal sizes,
 * or from the empty tree, is empty.
 */
export function consistencyProof(oldSize: number, leaves: readonly Uint8Array[], newSize: number = leaves.length): Buffer[] {
  checkRange(leaves, 0, newSize);
  if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
    throw new RangeError(`old tree size ${oldSize} is not between 0 and ${newSize}`);
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  const siblings: Buffer[] = [];
  let lo = 0;
  let hi = newSize;
  let m = oldSize; // the old tree's size within D[lo:hi]
  // The RFC's flag b: while we stay on the left edge, the old part of D[lo:hi] is the whole old tree, whose root
  // the verifier already has, so it is not sent.
  let isWholeOldTree = true;
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      siblings.push(subtreeRoot(leaves, lo + k, hi));
      hi = lo + k;
    } else {
      siblings.push(subtreeRoot(leaves, lo, lo + k));
      lo += k;
      m -= k;
      isWholeOldTree = false;
    }
  }
  const head = isWholeOldTree ? [] : [subtreeRoot(leaves, lo, hi)];
  return [...head, ...siblings.reverse()];
}

/** Roots at two prefix sizes in one pass (sizes ascending), e.g. the last checkpoint's and the new tree's. */
export function prefixRoots(leaves: readonly Uint8Array[], sizes: readonly number[]): Buffer[] {
  const range = new CompactRange();
  const roots: Buffer[] = [];
  for (const size of sizes) {
    checkRange(leaves, range.size, size);
    while (range.size < size) range.push(leaves[range.size]);
    roots.push(range.root());
  }
  return roots;
}
