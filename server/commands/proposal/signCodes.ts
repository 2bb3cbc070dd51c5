import { createHash, randomInt } from "node:crypto";

/**
 * One-time co-signing codes (联名码, issue #22): ten digits, easy to read out and to type on any phone keypad. Only a
 * hash is stored, bound to its proposal, so a code is worth nothing for another proposal or once used.
 */
export const SIGN_CODE_DIGITS = 10;
export const SIGN_CODE_PATTERN = /^\d{10}$/;
/** How long a handed-out code stays valid (the proposal's closing ends it sooner). */
export const SIGN_CODE_DAYS = 14;

export function newSignCode(): string {
  let code = "";
  for (let i = 0; i < SIGN_CODE_DIGITS; i++) code += String(randomInt(10));
  return code;
}

/** What a person typed (spaces, dashes, full-width digits from a Chinese keyboard) → the ten digits, or null. */
export function normalizeSignCode(typed: string): string | null {
  const digits = typed.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\-－—·.]/g, "");
  return SIGN_CODE_PATTERN.test(digits) ? digits : null;
}

export function hashSignCode(proposalId: string, code: string): string {
  return createHash("sha256").update(`yishi-sign-code\n${proposalId}\n${code}`).digest("hex");
}

/** `1234 5678 90`: groups a person can read out and copy. */
export function formatSignCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`;
}
