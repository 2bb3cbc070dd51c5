/**
 * Generated "photos" for the duplicate-detection test and benchmark (issue #23): each a distinct random scene (a
 * sky-to-ground gradient, a few buildings, trees and a road in random colours, fine noise) drawn from a seed, plus the
 * ways a reused photo is disguised — re-compressed, cropped, mirrored, and combinations. Deterministic per seed.
 */
import sharp from "sharp";

const WIDTH = 320;
const HEIGHT = 240;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rgb = [number, number, number];

/** Raw RGB pixels of scene `seed`. */
function scene(seed: number): Buffer {
  const rand = random(seed * 7919 + 17);
  const colour = (): Rgb => [Math.floor(rand() * 256), Math.floor(rand() * 256), Math.floor(rand() * 256)];
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
  const sky = colour();
  const ground = colour();
  const horizon = 0.3 + rand() * 0.4;
  const set = (x: number, y: number, [r, g, b]: Rgb) => {
    const i = (y * WIDTH + x) * 3;
    pixels[i] = r;
    pixels[i + 1] = g;
    pixels[i + 2] = b;
  };
  for (let y = 0; y < HEIGHT; y += 1) {
    const t = y / HEIGHT;
    const base: Rgb =
      t < horizon ? (sky.map((c) => c * (0.7 + 0.3 * (t / horizon))) as Rgb) : (ground.map((c) => c * (1 - 0.4 * ((t - horizon) / (1 - horizon)))) as Rgb);
    for (let x = 0; x < WIDTH; x += 1) set(x, y, base);
  }
  const shapes = 4 + Math.floor(rand() * 8);
  for (let s = 0; s < shapes; s += 1) {
    const fill = colour();
    const w = 20 + rand() * 120;
    const h = 20 + rand() * 120;
    const x0 = rand() * (WIDTH - 10);
    const y0 = rand() * (HEIGHT - 10);
    const isEllipse = rand() < 0.5;
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(HEIGHT, y0 + h); y += 1) {
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(WIDTH, x0 + w); x += 1) {
        if (isEllipse) {
          const dx = (x - x0 - w / 2) / (w / 2);
          const dy = (y - y0 - h / 2) / (h / 2);
          if (dx * dx + dy * dy > 1) continue;
        }
        set(x, y, fill);
      }
    }
  }
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = Math.max(0, Math.min(255, pixels[i]! + Math.floor((rand() - 0.5) * 24)));
  return pixels;
}

export async function originalPhoto(seed: number): Promise<Buffer> {
  return sharp(scene(seed), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export const DISGUISES = ["recompressed", "cropped", "mirrored", "mirrored+recompressed", "cropped+mirrored"] as const;
export type Disguise = (typeof DISGUISES)[number];

/** A reused copy of `photo`: re-saved small at low quality, cut by ~8 % at the edges, flipped left–right, or several. */
export async function disguise(photo: Buffer, how: Disguise): Promise<Buffer> {
  let image = sharp(photo);
  if (how.includes("cropped")) {
    const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
    const left = Math.round(info.width * 0.06);
    const top = Math.round(info.height * 0.08);
    image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).extract({
      left,
      top,
      width: info.width - left - Math.round(info.width * 0.03),
      height: info.height - top - Math.round(info.height * 0.02),
    });
  }
  if (how.includes("mirrored")) image = image.flop();
  if (how.includes("recompressed")) image = image.resize(Math.round(WIDTH * 0.7)).jpeg({ quality: 35 });
  else image = image.jpeg({ quality: 85 });
  return image.toBuffer();
}

/** A JPEG carrying EXIF capture time (China time) and GPS position, as a phone writes them. */
export async function photoWithExif(seed: number, takenAt: string, place: { lat: number; lon: number } | null): Promise<Buffer> {
  const dms = (value: number) => {
    const abs = Math.abs(value);
    const deg = Math.floor(abs);
    const min = Math.floor((abs - deg) * 60);
    const sec = Math.round(((abs - deg) * 60 - min) * 60 * 100);
    return `${deg}/1 ${min}/1 ${sec}/100`;
  };
  const gps = place
    ? { GPSLatitudeRef: place.lat >= 0 ? "N" : "S", GPSLatitude: dms(place.lat), GPSLongitudeRef: place.lon >= 0 ? "E" : "W", GPSLongitude: dms(place.lon) }
    : undefined;
  return sharp(await originalPhoto(seed))
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: "Yishi test" }, IFD2: { DateTimeOriginal: takenAt }, ...(gps ? { IFD3: gps } : {}) })
    .toBuffer();
}
