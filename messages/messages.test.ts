import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../server/errors";
import en from "./en.json";
import zhCN from "./zh-CN.json";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe("UI messages", () => {
  it("have the same keys in Chinese and English, so no screen shows a raw key", () => {
    const zh = keys(zhCN).sort();
    const english = keys(en).sort();
    expect(zh.filter((k) => !english.includes(k))).toEqual([]);
    expect(english.filter((k) => !zh.includes(k))).toEqual([]);
  });

  it("word every error code in both languages", () => {
    for (const code of ERROR_CODES) {
      expect(zhCN.errors[code], `zh-CN errors.${code}`).toBeTruthy();
      expect(en.errors[code], `en errors.${code}`).toBeTruthy();
    }
  });

  it("has no empty strings", () => {
    const empty = (obj: unknown): boolean =>
      typeof obj === "string" ? obj.trim() === "" : Object.values(obj as object).some((child) => empty(child));
    expect(empty(zhCN)).toBe(false);
    expect(empty(en)).toBe(false);
  });
});
