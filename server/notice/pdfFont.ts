/**
 * The font every Yishi PDF embeds: machines here have no Chinese fonts (DESIGN.md §1), so the PDF carries its own,
 * Noto Sans SC from npm, subset by pdfkit to the characters used. PDF_FONT_PATH points at another TTF/OTF (a
 * village's own licensed font, or a smaller one); it must cover Chinese.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { processSlot } from "../singleton";

export const DEFAULT_PDF_FONT = path.join(
  /* turbopackIgnore: true */ process.cwd(),
  "node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
);

export function pdfFontPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PDF_FONT_PATH && env.PDF_FONT_PATH !== "" ? env.PDF_FONT_PATH : DEFAULT_PDF_FONT;
}

const loaded = processSlot<{ file: string; bytes: Buffer }>("__yishiPdfFont");

/** The font's bytes, read once per path (10 MB: not for every request). */
export function pdfFont(): Buffer {
  const file = pdfFontPath();
  const cached = loaded.get();
  if (cached?.file === file) return cached.bytes;
  return loaded.set({ file, bytes: readFileSync(/* turbopackIgnore: true */ file) }).bytes;
}
