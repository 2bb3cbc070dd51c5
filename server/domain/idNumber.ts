/**
 * 公民身份号码 (GB 11643-1999): 18 characters, the last a check character (ISO 7064 MOD 11-2, 0–9 or X). Pure: the
 * keyed hash takes its key from the caller. The number is never stored or shown in full (个人信息保护法 第二十八条,
 * sensitive personal information): only the masked form and the keyed hash leave this module.
 */
import { createHmac } from "node:crypto";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = "10X98765432";

/** Spaces removed, a lower-case x raised: how people type it and how spreadsheets keep it. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s/g, "").toUpperCase();
}

/** 18 characters, a plausible birth date, and the right check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17];
}

/** 4401**********1234: the region of the county's first four digits and the last four, nothing of the birth date. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}`;
}

/** HMAC-SHA256 of a normalized number, hex: equal numbers give equal hashes, and without the key nothing leads back. */
export function hashIdNumber(id: string, key: string): string {
  return createHmac("sha256", key).update(`yishi id-number v1\n${id}`).digest("hex");
}
