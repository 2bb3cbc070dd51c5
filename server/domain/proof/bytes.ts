/**
 * Byte helpers for the browser-side proof verifier: no Node Buffer and no crypto.subtle (absent on plain-http LAN
 * deployments and in some WeChat builds), so SHA-256 comes from @noble/hashes.
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2";

export const sha256 = (data: Uint8Array): Uint8Array => nobleSha256(data);

const UTF8_OUT = new TextEncoder();
const UTF8_IN = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export const utf8 = (text: string): Uint8Array => UTF8_OUT.encode(text);

/** The text of valid UTF-8 bytes, or null when they are not valid UTF-8. */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return UTF8_IN.decode(bytes);
  } catch {
    return null;
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i] ^ b[i];
  return diff === 0;
}

export const readUint32 = (bytes: Uint8Array, at = 0): number => new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(at, false);

export const readUint64 = (bytes: Uint8Array, at = 0): bigint => new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getBigUint64(at, false);

// Strict standard base64 (RFC 4648 §4), the same pattern verify.mjs uses: junk characters are refused, not skipped.
const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Map([...B64_ALPHABET].map((c, i) => [c, i]));

/** Decodes strict base64, or returns null when `text` is not strict standard base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (typeof text !== "string" || !B64_RE.test(text)) return null;
  const body = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of body) {
    value = (value << 6) | (B64_VALUE.get(c) ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at] = (value >> bits) & 0xff;
      at += 1;
    }
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64_ALPHABET[(n >> 18) & 63] + B64_ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64_ALPHABET[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? B64_ALPHABET[n & 63] : "=";
  }
  return out;
}

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
