import compile from "icu-minify/compile";
import { loadMessages, type Messages } from "../../messages";
import type { Locale } from "./locales";

/** What client components translate; every other namespace stays on the server. */
export const CLIENT_NAMESPACES = ["errors", "live", "login", "minutes", "adminBodies", "adminImport", "trackers", "receipt"] as const;

const cache = new Map<string, Messages>();

function compileTree(value: unknown): unknown {
  if (typeof value === "string") return compile(value);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, compileTree(inner)]));
  return value;
}

/**
 * The client components' messages, compiled here from ICU source to use-intl's precompiled form (icu-minify): the
 * browser formats them with the small format-only formatter and never loads the ICU parser (next.config.js).
 * Compiled once per locale and process.
 */
export function clientMessages(locale: Locale, namespaces: readonly string[] = CLIENT_NAMESPACES): Messages {
  const key = `${locale}|${namespaces.join(",")}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const all = loadMessages(locale);
  const compiled = Object.fromEntries(namespaces.filter((ns) => ns in all).map((ns) => [ns, compileTree(all[ns])])) as Messages;
  cache.set(key, compiled);
  return compiled;
}
