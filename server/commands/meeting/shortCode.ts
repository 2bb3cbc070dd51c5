import { randomBytes } from "node:crypto";

// Crockford base32 without look-alikes (no I, L, O, U): easy to read out and to type from a printed sheet.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** 8 characters, 40 random bits: a join URL like http://192.168.1.20:3000/j/7k3m9q2x stays under 40 characters. */
export function newShortCode(): string {
  const bytes = randomBytes(8);
  let code = "";
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}
