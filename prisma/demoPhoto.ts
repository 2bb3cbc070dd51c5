/**
 * The demo cooperative's implementation photo (issue #23): a drawn pond bank, the same bytes on every seed, so the
 * demo shows a photo on record and the end-to-end test can reuse it in another village of the township (the
 * township's photo index then flags the copy). Drawn, not a real photo: no person, no place.
 */
const WIDTH = 480;
const HEIGHT = 360;

export async function demoPondPhoto(): Promise<Buffer> {
  const pixels = new Uint8Array(WIDTH * HEIGHT * 3);
  let state = 20260423;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  // Trees along the far bank: dark blobs of random size.
  const trees = Array.from({ length: 14 }, () => ({ x: rand() * WIDTH, y: 120 + rand() * 30, r: 12 + rand() * 26 }));
  for (let y = 0; y < HEIGHT; y += 1) {
    for (let x = 0; x < WIDTH; x += 1) {
      const i = (y * WIDTH + x) * 3;
      let rgb: [number, number, number];
      if (y < 130)
        rgb = [150 + y * 0.6, 190 + y * 0.3, 235]; // sky
      else if (y < 170)
        rgb = [95, 120 + (x % 40), 70]; // far bank
      else if (y < 300)
        rgb = [40 + (y - 170) * 0.3, 95 + Math.sin(x / 9 + y / 5) * 12, 120 + (y - 170) * 0.4]; // water
      else rgb = [150 + ((x * 7 + y * 3) % 30), 130, 95]; // the new stone bank
      for (const t of trees) if ((x - t.x) ** 2 + ((y - t.y) * 1.4) ** 2 < t.r ** 2) rgb = [30 + t.r, 70 + t.r, 35];
      pixels[i] = Math.min(255, rgb[0]);
      pixels[i + 1] = Math.min(255, rgb[1]);
      pixels[i + 2] = Math.min(255, rgb[2]);
    }
  }
  // Loaded here, not with the module: the seed is part of the server's bundle, and sharp (≈ 6 MB resident) is needed
  // only the one time the demo is created.
  const { default: sharp } = await import("sharp");
  return sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: 88 })
    .toBuffer();
}
