/**
 * What a public text may hold. Notices, objections and replies are read by anyone with the link, so personal data
 * stays out (个人信息保护法 第六条, minimum necessary): notices and replies that contain a mobile or ID-card number are
 * refused (their authors are officials who can rephrase), and such numbers in a resident's objection are masked
 * wherever it is shown publicly. Lengths are counted in characters as people count them (code points).
 */
import { AppError } from "../errors";

export const TITLE_MAX = 200;
export const NOTICE_BODY_MAX = 5_000;
export const CORRECTION_REASON_MAX = 500;
export const OBJECTION_MAX = 2_000;
export const REPLY_MAX = 2_000;
/** Objections per resident, per notice, per Asia/Shanghai day (issue #8). */
export const OBJECTIONS_PER_DAY = 5;

// A mainland mobile number or an 18-character resident ID number, not part of a longer run of digits.
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;

export function charCount(text: string): number {
  return Array.from(text).length;
}

export function hasPersonalNumber(text: string): boolean {
  return new RegExp(PHONE.source).test(text) || new RegExp(ID_NUMBER.source).test(text);
}

/** 13912345678 → 139****5678; an ID number keeps only its first 6 (region) and last 4 characters. */
export function maskPersonalNumbers(text: string): string {
  return text.replace(ID_NUMBER, (id) => `${id.slice(0, 6)}********${id.slice(14)}`).replace(PHONE, (phone) => `${phone.slice(0, 3)}****${phone.slice(7)}`);
}

/**
 * A required text field: trimmed, not empty, at most `max` characters, optionally free of personal numbers.
 * Refusals name the field, so the form can point at it.
 */
export function requireText(value: string, field: string, max: number, options: { noPersonalNumbers?: boolean } = {}): string {
  const text = value.trim();
  if (text === "") throw new AppError("invalid_input", `${field} is empty`, { field, details: { reason: "empty" } });
  if (charCount(text) > max) {
    throw new AppError("invalid_input", `${field} is longer than ${max} characters`, { field, details: { reason: "too_long", max } });
  }
  if (options.noPersonalNumbers && hasPersonalNumber(text)) {
    throw new AppError("invalid_input", `${field} contains a phone or ID number; public texts may not`, {
      field,
      details: { reason: "personal_data" },
    });
  }
  return text;
}
