/**
 * What a photo says about itself (issue #23): its perceptual hashes (sharp decodes, turns it upright by its EXIF
 * orientation and shrinks it to 32×32 grey; the hash is server/domain/implementation/phash.ts) and the time and place
 * its EXIF records (exifr). The capture time has no zone unless the camera wrote one (OffsetTimeOriginal); phones sold
 * in China keep China time, so a time without a zone is read as China time.
 */
import { CENTRE_INSET, HASH_SIDE, type PhotoHashes, perceptualHashes } from "../../domain/implementation/phash";

// sharp (a native library) and exifr load on the first photo, not with the server: a tenth of a second of every
// start that most starts never use (issue #24).
const sharpModule = () => import("sharp").then((m) => m.default);
const exifrModule = () => import("exifr").then((m) => m.default);

export type PhotoFacts = PhotoHashes & { takenAt: Date | null; place: { lat: number; lon: number } | null };

/** Decoding budget: a phone photo is 12–50 megapixels; anything larger is no photo of a village project. */
const MAX_PIXELS = 100_000_000;

/** Side of the upright grey copy both thumbnails are cut from: decode once, small enough to be quick. */
const WORK_SIDE = 256;

async function thumbnail(grey: Buffer, width: number, height: number, inset: number): Promise<Uint8Array> {
  const left = Math.round(width * inset);
  const top = Math.round(height * inset);
  const sharp = await sharpModule();
  const { data } = await sharp(grey, { raw: { width, height, channels: 1 } })
    .extract({ left, top, width: width - 2 * left, height: height - 2 * top })
    .resize(HASH_SIDE, HASH_SIDE, { fit: "fill", kernel: "cubic" })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** 32×32 grey thumbnails of the whole photo and of its centre, upright by the EXIF orientation. */
export async function greyThumbnails(bytes: Uint8Array): Promise<Uint8Array[]> {
  const sharp = await sharpModule();
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
    .rotate()
    .greyscale()
    .resize(WORK_SIDE, WORK_SIDE, { fit: "inside", kernel: "cubic" })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Promise.all([0, CENTRE_INSET].map((inset) => thumbnail(data, info.width, info.height, inset)));
}
export function exifTime(original: unknown, offset: unknown): Date | null {
  if (typeof original !== "string") return null;
  const match = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(original.trim());
  if (!match) return null;
  const zone = typeof offset === "string" && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : "+08:00";
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

async function exifFacts(bytes: Uint8Array): Promise<Pick<PhotoFacts, "takenAt" | "place">> {
  try {
    const exifr = await exifrModule();
    const tags = (await exifr.parse(Buffer.from(bytes), { reviveValues: false, gps: true, tiff: true, exif: true })) as Record<string, unknown> | undefined;
    if (!tags) return { takenAt: null, place: null };
    const takenAt = exifTime(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal);
    const lat = tags.latitude;
    const lon = tags.longitude;
    const isPlace =
      typeof lat === "number" &&
      typeof lon === "number" &&
      Number.isFinite(lat) &&
      Number.isFinite(lon) &&
      Math.abs(lat) <= 90 &&
      Math.abs(lon) <= 180 &&
      !(lat === 0 && lon === 0);
    return { takenAt, place: isPlace ? { lat, lon } : null };
  } catch {
    // Damaged or absent metadata is a finding ("no time", "no place"), not a reason to refuse the photo.
    return { takenAt: null, place: null };
  }
}

/** Hashes and metadata of one photo; throws when sharp cannot decode it (the caller refuses the upload). */
export async function readPhoto(bytes: Uint8Array): Promise<PhotoFacts> {
  const pairs = (await greyThumbnails(bytes)).map(perceptualHashes);
  return { hashes: pairs.map((p) => p.hash), mirrors: pairs.map((p) => p.mirror), ...(await exifFacts(bytes)) };
}
