/**
 * Which files a meeting may carry as materials, told by their first bytes (a renamed .exe with a PDF mime type is
 * still refused). Pure.
 */
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;

export const MATERIAL_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/webp"] as const;
export type MaterialType = (typeof MATERIAL_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

export function detectMaterialType(bytes: Uint8Array): MaterialType | null {
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

/** A safe display name: no path, no control characters, at most 120 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = Array.from(base.replace(/[\u0000-\u001f\u007f"]/g, "").trim())
    .slice(-120)
    .join("");
  return cleaned === "" ? "material" : cleaned;
}
