import { describe, expect, it } from "vitest";
import {
  CompactRange,
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  prefixRoots,
  verifyConsistency,
  verifyInclusion,
} from "./merkle";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const fromHex = (h: string): Buffer => Buffer.from(h, "hex");

// The reference tree of RFC 6962 / certificate-transparency test suites.
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((h) => leafHash(fromHex(h)));
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

// Inclusion and consistency vectors from the same suites: [index or old size, size, path].
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    5,
    8,
    [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [
    1,
    5,
    [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    6,
    8,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]],
];

function seqLeaves(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
}

/** RFC 9162 §2.1.1 MTH, written recursively as in the RFC, to check the iterative code against. */
function referenceRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

function flipBit(hash: Uint8Array): Buffer {
  const copy = Buffer.from(hash);
  copy[7] ^= 0x10;
  return copy;
}

describe("RFC 9162 Merkle tree hashes", () => {
  it("gives SHA-256 of nothing for the empty tree", () => {
    expect(hex(EMPTY_ROOT)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex(merkleRoot([]))).toBe(hex(EMPTY_ROOT));
  });

  it("hashes a leaf with the 0x00 prefix", () => {
    expect(hex(leafHash(Buffer.alloc(0)))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  });

  it("matches the reference tree's root at every size from 1 to 8", () => {
    ROOTS.forEach((root, i) => expect(hex(merkleRoot(LEAVES, i + 1))).toBe(root));
    expect(prefixRoots(LEAVES, [0, 3, 8]).map(hex)).toEqual([hex(EMPTY_ROOT), ROOTS[2], ROOTS[7]]);
  });

  it("agrees with the recursive definition for every size up to 70", () => {
    const leaves = seqLeaves(70);
    const range = new CompactRange();
    for (let n = 0; n <= 70; n += 1) {
      expect(hex(range.root())).toBe(hex(referenceRoot(leaves.slice(0, n))));
      if (n < 70) range.push(leaves[n]);
    }
  });
});

describe("inclusion proofs (RFC 9162 §2.1.3)", () => {
  it.each(INCLUSION)("builds and verifies the known proof for leaf %i of %i", (index, size, path) => {
    const proof = inclusionProof(index, LEAVES, size);
    expect(proof.map(hex)).toEqual(path);
    expect(verifyInclusion(index, size, LEAVES[index], proof, fromHex(ROOTS[size - 1]))).toBe(true);
  });

  it("round-trips every (index, size) up to 64 leaves", () => {
    const leaves = seqLeaves(64);
    for (let size = 1; size <= 64; size += 1) {
      const root = merkleRoot(leaves, size);
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionProof(index, leaves, size);
        expect(verifyInclusion(index, size, leaves[index], proof, root)).toBe(true);
      }
    }
  });

  it("rejects flipped bits, wrong index, wrong size, wrong leaf, short and long proofs", () => {
    const leaves = seqLeaves(46);
    for (const [index, size] of [
      [0, 45],
      [17, 45],
      [44, 45],
      [31, 32],
      [6, 13],
    ] as const) {
      const root = merkleRoot(leaves, size);
      const proof = inclusionProof(index, leaves, size);
      proof.forEach((_, i) => {
        const bad = proof.map((h, j) => (j === i ? flipBit(h) : h));
        expect(verifyInclusion(index, size, leaves[index], bad, root)).toBe(false);
      });
      expect(verifyInclusion(index, size, flipBit(leaves[index]), proof, root)).toBe(false);
      expect(verifyInclusion(index, size, leaves[index], proof, flipBit(root))).toBe(false);
      expect(verifyInclusion((index + 1) % size, size, leaves[index], proof, root)).toBe(false);
      // A path alone does not pin the size (leaf 0's path fits several sizes); the signed root does.
      expect(verifyInclusion(index, size + 1, leaves[index], proof, merkleRoot(leaves, size + 1))).toBe(false);
      if (index < size - 1) {
        expect(verifyInclusion(index, size - 1, leaves[index], proof, merkleRoot(leaves, size - 1))).toBe(false);
      }
      expect(verifyInclusion(index, size, leaves[index], proof.slice(0, -1), root)).toBe(false);
      expect(verifyInclusion(index, size, leaves[index], [...proof, root], root)).toBe(false);
      expect(verifyInclusion(size, size, leaves[index], proof, root)).toBe(false);
    }
  });

  it("refuses to build a proof for a leaf outside the tree", () => {
    expect(() => inclusionProof(8, LEAVES, 8)).toThrow(RangeError);
    expect(() => inclusionProof(0, LEAVES, 9)).toThrow(RangeError);
  });
});

describe("consistency proofs (RFC 9162 §2.1.4)", () => {
  it.each(CONSISTENCY)("builds and verifies the known proof from %i to %i", (first, second, path) => {
    const proof = consistencyProof(first, LEAVES, second);
    expect(proof.map(hex)).toEqual(path);
    expect(verifyConsistency(first, second, fromHex(ROOTS[first - 1]), fromHex(ROOTS[second - 1]), proof)).toBe(true);
  });

  it("round-trips every (old, new) size pair up to 64 leaves, including from the empty tree", () => {
    const leaves = seqLeaves(64);
    const roots = Array.from({ length: 65 }, (_, n) => merkleRoot(leaves, n));
    for (let second = 0; second <= 64; second += 1) {
      for (let first = 0; first <= second; first += 1) {
        const proof = consistencyProof(first, leaves, second);
        expect(verifyConsistency(first, second, roots[first], roots[second], proof)).toBe(true);
      }
    }
  });

  it("rejects flipped bits, wrong sizes, swapped roots, short and long proofs", () => {
    const leaves = seqLeaves(40);
    const root = (n: number): Buffer => merkleRoot(leaves, n);
    for (const [first, second] of [
      [1, 40],
      [5, 40],
      [16, 40],
      [17, 33],
      [32, 40],
      [7, 8],
    ] as const) {
      const proof = consistencyProof(first, leaves, second);
      proof.forEach((_, i) => {
        const bad = proof.map((h, j) => (j === i ? flipBit(h) : h));
        expect(verifyConsistency(first, second, root(first), root(second), bad)).toBe(false);
      });
      expect(verifyConsistency(first, second, flipBit(root(first)), root(second), proof)).toBe(false);
      expect(verifyConsistency(first, second, root(first), flipBit(root(second)), proof)).toBe(false);
      expect(verifyConsistency(first + 1, second, root(first + 1), root(second), proof)).toBe(false);
      expect(verifyConsistency(first, second - 1, root(first), root(second - 1), proof)).toBe(false);
      expect(verifyConsistency(first, second, root(first), root(second), proof.slice(0, -1))).toBe(false);
      expect(verifyConsistency(first, second, root(first), root(second), [...proof, root(first)])).toBe(false);
      expect(verifyConsistency(second, first, root(second), root(first), proof)).toBe(false);
    }
  });

  it("accepts equal sizes only with an empty proof and equal roots", () => {
    const leaves = seqLeaves(9);
    expect(verifyConsistency(9, 9, merkleRoot(leaves), merkleRoot(leaves), [])).toBe(true);
    expect(verifyConsistency(9, 9, merkleRoot(leaves), merkleRoot(leaves, 8), [])).toBe(false);
    expect(verifyConsistency(0, 9, flipBit(EMPTY_ROOT), merkleRoot(leaves), [])).toBe(false);
  });
});

describe("scale", () => {
  it("computes the root of 100,000 leaves iteratively (no recursion)", () => {
    const leaves = seqLeaves(100_000);
    const root = merkleRoot(leaves);
    const proof = inclusionProof(99_999, leaves);
    expect(proof.length).toBeLessThanOrEqual(17);
    expect(verifyInclusion(99_999, 100_000, leaves[99_999], proof, root)).toBe(true);
  });
});
