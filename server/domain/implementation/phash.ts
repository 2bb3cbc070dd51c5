/**
 * Perceptual hash of a photo (issue #23), pure: a DCT hash (pHash) of a 32×32 grey image. The 8×8 lowest
 * frequencies but the constant term are compared with their median, giving 63 bits that survive re-compression,
 * resizing, small crops and colour changes. A mirrored copy has the same low frequencies with the odd horizontal ones
 * negated, so the hash of the mirror is kept beside the hash and a photo is compared with both. Cropping shifts and
 * scales the picture, which low frequencies survive only in part, so each photo also keeps the hashes of its centre
 * (a 5 % margin cut off): a copy cut at the edges is near the original's centre.
 */

export const HASH_SIDE = 32;
const LOW = 8;

/** Hamming distance at or below which two photos are the same picture (of 63 bits): tuned by bench/photoHash.ts. */
export const NEAR_DUPLICATE_BITS = 12;

/** The margin cut off each side for the centre's hashes. */
export const CENTRE_INSET = 0.05;

/** A photo's hashes: as taken (whole, centre) and mirrored (whole, centre). */
export type PhotoHashes = { hashes: string[]; mirrors: string[] };

const COS: Float64Array = (() => {
  const table = new Float64Array(LOW * HASH_SIDE);
  for (let u = 0; u < LOW; u += 1) {
    for (let x = 0; x < HASH_SIDE; x += 1) table[u * HASH_SIDE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * HASH_SIDE));
  }
  return table;
})();

/** The 8×8 low-frequency DCT-II coefficients of a 32×32 grey image (row-major, one byte per pixel). */
function lowDct(grey: Uint8Array, mirror: boolean): Float64Array {
  const rows = new Float64Array(HASH_SIDE * LOW);
  for (let y = 0; y < HASH_SIDE; y += 1) {
    for (let u = 0; u < LOW; u += 1) {
      let sum = 0;
      for (let x = 0; x < HASH_SIDE; x += 1) {
        const px = grey[y * HASH_SIDE + (mirror ? HASH_SIDE - 1 - x : x)];
        sum += px * COS[u * HASH_SIDE + x];
      }
      rows[y * LOW + u] = sum;
    }
  }
  const out = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v += 1) {
    for (let u = 0; u < LOW; u += 1) {
      let sum = 0;
      for (let y = 0; y < HASH_SIDE; y += 1) sum += rows[y * LOW + u] * COS[v * HASH_SIDE + y];
      out[v * LOW + u] = sum;
    }
  }
  return out;
}

function hashOf(coefficients: Float64Array): string {
  const ac = Array.from(coefficients.subarray(1));
  const sorted = [...ac].sort((a, b) => a - b);
  const median = (sorted[31] + sorted[30]) / 2;
  let bits = 0n;
  for (const value of ac) bits = (bits << 1n) | (value > median ? 1n : 0n);
  return bits.toString(16).padStart(16, "0");
}

/** The hash of a 32×32 grey image and of its mirror image, as 16 hex digits each. */
export function perceptualHashes(grey: Uint8Array): { hash: string; mirror: string } {
  if (grey.length !== HASH_SIDE * HASH_SIDE) throw new Error(`expected ${HASH_SIDE}×${HASH_SIDE} grey pixels`);
  return { hash: hashOf(lowDct(grey, false)), mirror: hashOf(lowDct(grey, true)) };
}

/** Bits that differ between two hashes. */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x > 0n) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}

/**
 * The smallest distance between any hash of `a` as taken and any hash of `b` as taken or mirrored: a copy flipped
 * left–right is as near as the copy itself, and a cropped copy is near the original's centre.
 */
export function photoDistance(a: PhotoHashes, b: PhotoHashes): number {
  let best = 64;
  for (const x of a.hashes) for (const y of [...b.hashes, ...b.mirrors]) best = Math.min(best, hammingDistance(x, y));
  return best;
}

export function isNearDuplicate(a: PhotoHashes, b: PhotoHashes): boolean {
  return photoDistance(a, b) <= NEAR_DUPLICATE_BITS;
}
