/**
 * One-time login codes (the printed QR sheets): how long they stay valid, what one looks like, and how it is
 * stored — only its hash, so a copy of the database does not hand out logins. Making a new code needs randomness
 * and lives in server/auth/loginTokens.ts.
 */
import { createHash } from "node:crypto";

/** One-time login codes printed on a sheet stay valid this long (a week: time to hand the sheet round). */
export const LOGIN_TOKEN_DAYS = 7;

/** 128 random bits, base64url: 22 characters. */
export const LOGIN_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Only the hash is stored: a copy of the database does not hand out logins. */
export function hashLoginToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
