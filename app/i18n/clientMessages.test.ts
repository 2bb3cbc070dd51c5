import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { loadMessages } from "../../messages";
import { CLIENT_NAMESPACES, clientMessages } from "./clientMessages";
import formatMessage from "./formatMessage";
import { LOCALES, TIME_ZONE } from "./locales";

type Tree = { [key: string]: string | Tree | unknown };

function leaves(tree: Tree, prefix = ""): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === "object" && !Array.isArray(value) ? leaves(value as Tree, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

function at(tree: Tree, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Tree)[part], tree);
}

/** A value for each argument of an ICU message, of the kind its type wants. */
function sampleValues(source: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [, name, type] of source.matchAll(/\{\s*(\w+)\s*(?:,\s*(\w+))?/g)) {
    if (!name) continue;
    values[name] =
      type === "plural" || type === "selectordinal" || type === "number"
        ? 3
        : type === "date" || type === "time"
          ? new Date(0)
          : type === "select"
            ? "other"
            : `«${name}»`;
  }
  return values;
}

// What use-intl passes the formatter: its Intl formatters and a cache (the source formatter's parsed messages).
const formatters = {
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
  getMessageFormat: (...args: ConstructorParameters<typeof IntlMessageFormat>) => new IntlMessageFormat(...args),
};
const options = (locale: string) => ({ locale, formatters, cache: { message: {} }, timeZone: TIME_ZONE });
const format = formatMessage as (key: string, message: unknown, values: unknown, options: unknown) => unknown;

describe("client messages, compiled on the server for the browser's format-only formatter", () => {
  for (const locale of LOCALES) {
    it(`${locale}: every message of the client namespaces formats as its ICU source does`, () => {
      const source = loadMessages(locale) as Tree;
      const compiled = clientMessages(locale) as Tree;
      expect(Object.keys(compiled).sort()).toEqual(CLIENT_NAMESPACES.filter((ns) => ns in source).sort());
      const pairs = leaves(compiled);
      expect(pairs.length).toBeGreaterThan(50);
      for (const [key, message] of pairs) {
        const text = at(source, key) as string;
        const values = sampleValues(text);
        const expected = new IntlMessageFormat(text, locale).format(values);
        const actual = format(key, message, values, options(locale));
        expect(actual, key).toEqual(expected);
      }
    });
  }

  it("the server's formatter still formats a message as written (server components, t.raw)", () => {
    expect(format("live.progress", "已投票 {cast} / {entitled}", { cast: 3, entitled: 10 }, options("zh-CN"))).toBe("已投票 3 / 10");
    expect(Array.isArray(clientMessages("zh-CN").live && (clientMessages("zh-CN").live as Tree).progress)).toBe(true);
  });
});
