import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALERT_CODES } from "@/server/domain/alerts/types";

/** The township page's rule filter and alert cards name every rule: a rule without words would show its raw key. */
describe("the township dashboard's names of the alert rules", () => {
  for (const locale of ["zh-CN", "en"]) {
    it(`names every rule in ${locale}`, () => {
      const messages = JSON.parse(readFileSync(`messages/${locale}/townshipdash.json`, "utf8")) as { townshipDash: { codes: Record<string, string> } };
      const missing = ALERT_CODES.filter((code) => !messages.townshipDash.codes[code]?.trim());
      expect(missing).toEqual([]);
    });
  }
});
