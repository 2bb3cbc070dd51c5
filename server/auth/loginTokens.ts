import { createHash, randomBytes } from "node:crypto";

/** One-time login codes printed on a sheet stay valid this long (a week: time to hand the sheet round). */
export const LOGIN_TOKEN_DAYS = 7;

/** 128 random bits, base64url (22 characters): the URL /q/<token> stays short enough for a small QR code. */
export function newLoginToken(): { token: string; hash: string } {
  const token = randomBytes(16).toString("base64url");
  return { token, hash: hashLoginToken(token) };
}

/** Only the hash is stored: a copy of the database does not hand out logins. */
export function hashLoginToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const LOGIN_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
