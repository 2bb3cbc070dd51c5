import { describe, expect, it } from "vitest";
import { negotiateLocale } from "../app/i18n/locales";
import { ERROR_CODES } from "../server/errors";
import { loadMessages } from "./index";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

const zh = loadMessages("zh-CN");
const en = loadMessages("en");

describe("UI messages", () => {
  it("have the same keys in Chinese and English, so no screen shows a raw key", () => {
    const zhKeys = keys(zh).sort();
    const enKeys = keys(en).sort();
    expect(
      zhKeys.filter((k) => !enKeys.includes(k)),
      "missing in en",
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !zhKeys.includes(k)),
      "missing in zh-CN",
    ).toEqual([]);
  });

  it("word every error code in both languages", () => {
    const zhErrors = zh.errors as Record<string, string>;
    const enErrors = en.errors as Record<string, string>;
    for (const code of ERROR_CODES) {
      expect(zhErrors[code], `zh-CN errors.${code}`).toBeTruthy();
      expect(enErrors[code], `en errors.${code}`).toBeTruthy();
    }
  });

  it("have no empty strings", () => {
    const empty = (obj: unknown): boolean => (typeof obj === "string" ? obj.trim() === "" : Object.values(obj as object).some((child) => empty(child)));
    expect(empty(zh)).toBe(false);
    expect(empty(en)).toBe(false);
  });
});

describe("locale negotiation", () => {
  it("takes the NEXT_LOCALE cookie first", () => {
    expect(negotiateLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(negotiateLocale("zh-CN", "en-US")).toBe("zh-CN");
  });
  it("else the best Accept-Language we speak, any Chinese being zh-CN", () => {
    expect(negotiateLocale(undefined, "en-GB,en;q=0.9")).toBe("en");
    expect(negotiateLocale(undefined, "zh-TW,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale(undefined, "fr-FR,en;q=0.5")).toBe("en");
    expect(negotiateLocale(undefined, "en;q=0.3,zh;q=0.9")).toBe("zh-CN");
  });
  it("else zh-CN", () => {
    expect(negotiateLocale(undefined, null)).toBe("zh-CN");
    expect(negotiateLocale("fr", "de-DE")).toBe("zh-CN");
  });
});
