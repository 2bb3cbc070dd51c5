/**
 * UI strings, one file per area and language (messages/<locale>/<area>.json), merged here. Each area's file holds
 * its own top-level namespaces, so areas never share a file. A test checks both languages have the same keys.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Locale } from "../app/i18n/locales";

export type Messages = Record<string, unknown>;

const cache = new Map<Locale, Messages>();

// The files are read at run time from the working directory; the bundler need not trace them.
export function loadMessages(locale: Locale, root: string = path.join(/* turbopackIgnore: true */ process.cwd(), "messages")): Messages {
  const cached = cache.get(locale);
  if (cached) return cached;
  const dir = path.join(/* turbopackIgnore: true */ root, locale);
  const merged: Messages = {};
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    const content = JSON.parse(readFileSync(path.join(/* turbopackIgnore: true */ dir, file), "utf8")) as Messages;
    for (const [namespace, value] of Object.entries(content)) {
      if (namespace in merged) throw new Error(`messages/${locale}/${file}: namespace "${namespace}" is defined twice`);
      merged[namespace] = value;
    }
  }
  cache.set(locale, merged);
  return merged;
}
