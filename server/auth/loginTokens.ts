import { randomBytes } from "node:crypto";
import { hashLoginToken } from "../domain/loginCode";

export { hashLoginToken, LOGIN_TOKEN_DAYS, LOGIN_TOKEN_PATTERN } from "../domain/loginCode";

/** 128 random bits, base64url (22 characters): the URL /q/<token> stays short enough for a small QR code. */
export function newLoginToken(): { token: string; hash: string } {
  const token = randomBytes(16).toString("base64url");
  return { token, hash: hashLoginToken(token) };
}
