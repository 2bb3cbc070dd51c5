/**
 * Near-duplicate photos (issue #23): recall and false positives of the perceptual hash on a generated set — N
 * distinct originals plus M disguised copies (re-compressed, cropped, mirrored, combined). Goal: recall ≥ 95 %,
 * false positives < 2 % (of original pairs). Not a test: prints a table and returns the figures.
 *
 *   npx tsx bench/photoHash.ts [originals] [copies]
 */
import { pathToFileURL } from "node:url";
import { readPhoto } from "../server/commands/implementation/photo";
import { isNearDuplicate, type PhotoHashes, photoDistance } from "../server/domain/implementation/phash";
import { DISGUISES, disguise, originalPhoto } from "../server/testing/photos";

export type PhotoHashResult = {
  originals: number;
  copies: number;
  recall: number;
  falsePositivePairs: number;
  falsePositiveRate: number;
  photosFalselyMatched: number;
  msPerPhoto: number;
};

export async function run(originals = 200, copies = 30): Promise<PhotoHashResult> {
  const startedAt = performance.now();
  const hashes: PhotoHashes[] = [];
  const photos: Buffer[] = [];
  for (let seed = 0; seed < originals; seed += 1) {
    const photo = await originalPhoto(seed);
    photos.push(photo);
    hashes.push(await readPhoto(photo));
  }
  let found = 0;
  const byDisguise = new Map<string, { found: number; total: number; worst: number }>();
  for (let i = 0; i < copies; i += 1) {
    const source = (i * 7) % originals;
    const how = DISGUISES[i % DISGUISES.length]!;
    const copy = await readPhoto(await disguise(photos[source]!, how));
    // A copy counts as found when it matches its source; matching another photo too would be a false positive.
    const isFound = isNearDuplicate(copy, hashes[source]!);
    if (isFound) found += 1;
    const stat = byDisguise.get(how) ?? { found: 0, total: 0, worst: 0 };
    byDisguise.set(how, { found: stat.found + (isFound ? 1 : 0), total: stat.total + 1, worst: Math.max(stat.worst, photoDistance(copy, hashes[source]!)) });
  }
  let falsePositivePairs = 0;
  let nearest = 64;
  let pairs = 0;
  const falselyMatched = new Set<number>();
  for (let a = 0; a < originals; a += 1) {
    for (let b = a + 1; b < originals; b += 1) {
      pairs += 1;
      const distance = Math.min(photoDistance(hashes[a]!, hashes[b]!), photoDistance(hashes[b]!, hashes[a]!));
      nearest = Math.min(nearest, distance);
      if (isNearDuplicate(hashes[a]!, hashes[b]!) || isNearDuplicate(hashes[b]!, hashes[a]!)) {
        falsePositivePairs += 1;
        falselyMatched.add(a).add(b);
      }
    }
  }
  const result = {
    originals,
    copies,
    recall: found / copies,
    falsePositivePairs,
    falsePositiveRate: falsePositivePairs / pairs,
    photosFalselyMatched: falselyMatched.size / originals,
    msPerPhoto: (performance.now() - startedAt) / (originals + copies),
  };
  console.log("disguise               found  worst distance (bits)");
  for (const [how, stat] of byDisguise) console.log(`${how.padEnd(22)} ${`${stat.found}/${stat.total}`.padEnd(6)} ${stat.worst}`);
  console.log(
    `recall ${(result.recall * 100).toFixed(1)} %  ·  false positives ${falsePositivePairs} of ${pairs} pairs (${(result.falsePositiveRate * 100).toFixed(3)} %; ${falselyMatched.size} of ${originals} originals flagged against another)  ·  nearest distinct pair ${nearest} bits  ·  ${result.msPerPhoto.toFixed(1)} ms per photo`,
  );
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [originals, copies] = process.argv.slice(2).map(Number);
  await run(originals || undefined, copies || undefined);
}
