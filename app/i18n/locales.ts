import { CHINA_TIME_ZONE } from "@/server/time";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "NEXT_LOCALE";
export const ELDER_COOKIE = "yishi_elder";
/** Pages show China time (server/time.ts). */
export const TIME_ZONE = CHINA_TIME_ZONE;

export function isLocale(value: string | undefined | null): value is Locale {
  return value === "zh-CN" || value === "en";
}

/**
 * The NEXT_LOCALE cookie wins; else the first Accept-Language entry we speak (any zh-* is zh-CN); else zh-CN.
 * No locale in the URL: a join link read out or scanned in the hall is the same for everyone.
 */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number.parseFloat(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag !== "" && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return DEFAULT_LOCALE;
}
