// The witness section of the supervisor console rendered to HTML in both languages: green ✓ with who cosigned,
// the offline period, "not yet" for unwitnessed checkpoints, and the red alert (role=alert) for a refusal.
import { readFileSync } from "node:fs";
import { renderToStaticMarkup } from "react-dom/server";
import { createFormatter, createTranslator } from "use-intl/core";
import { describe, expect, it, vi } from "vitest";
import type { WitnessView } from "@/server/queries/witnessView";

let locale: "zh-CN" | "en" = "zh-CN";
const messages = (lang: string) => JSON.parse(readFileSync(new URL(`../../../messages/${lang}/audit.json`, import.meta.url), "utf8"));

vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale, messages: messages(locale), namespace }),
  getFormatter: async () => createFormatter({ locale, timeZone: "Asia/Shanghai" }),
}));

const { WitnessPanel } = await import("./WitnessPanel");

const base = { knownSize: 0, lastError: null, failingSince: null, refusedSize: null, refusedAt: null, inconsistent: false, gaps: [], townshipVkey: null };
const view: WitnessView = {
  witnesses: [
    {
      ...base,
      name: "county.example/witness",
      display: "county.example/witness",
      label: "county.example/witness+0badf00d",
      status: "ok",
      knownSize: 24,
      gaps: [{ from: new Date("2026-03-01T01:00:00Z"), to: new Date("2026-03-01T05:30:00Z") }],
    },
    {
      ...base,
      name: "township.example/witness",
      display: "township.example/witness",
      label: "township.example/witness+12345678",
      status: "refused",
      inconsistent: true,
      refusedSize: 14,
      refusedAt: new Date("2026-03-02T02:00:00Z"),
      lastError: "HTTP 422: the consistency proof from the cosigned size 12 to 14 does not verify",
    },
  ],
  checkpoints: [
    {
      size: 24,
      signedAt: new Date("2026-03-01T05:00:00Z"),
      witnessedBy: [{ name: "county.example/witness", display: "county.example/witness", at: new Date("2026-03-01T05:30:00Z") }],
    },
    { size: 20, signedAt: new Date("2026-03-01T03:00:00Z"), witnessedBy: [] },
  ],
};

async function render(lang: "zh-CN" | "en", v: WitnessView): Promise<string> {
  locale = lang;
  return renderToStaticMarkup(await WitnessPanel({ view: v }));
}

describe("WitnessPanel", () => {
  it("shows who witnessed each checkpoint, the offline period and a red alert for a refusal (zh-CN)", async () => {
    const html = await render("zh-CN", view);
    expect(html).toMatch(
      /<div class="status status-bad" role="alert" data-witness="refused"><div><p class="status-headline">✗ 见证人 township.example\/witness 拒绝联署覆盖前 14 条记录的检查点/,
    );
    expect(html).toContain("the consistency proof from the cosigned size 12 to 14 does not verify");
    expect(html).toContain("✓ county.example/witness：已联署，覆盖前 24 条记录");
    expect(html).toMatch(/离线：2026年3月1日 09:00 至 2026年3月1日 13:30/);
    expect(html).toMatch(/前 24 条（[^）]+签名）：已由 county.example\/witness 见证/);
    expect(html).toMatch(/前 20 条（[^）]+签名）：尚未联署/);
  });

  it("in English, and without a red alert when no witness refused", async () => {
    const calm = { ...view, witnesses: [view.witnesses[0]!] };
    const html = await render("en", calm);
    expect(html).not.toContain('role="alert"');
    expect(html).toContain("✓ county.example/witness: cosigned, covering the first 24 entries");
    expect(html).toMatch(/Offline from .+ to .+/);
    expect(html).toMatch(/First 20 entries \(signed [^)]+\): not witnessed yet/);
    expect(await render("en", { witnesses: [], checkpoints: [] })).toContain("No witness is configured (YISHI_WITNESSES)");
    // A witness that does not know the log (403/404) is a configuration problem, said as such.
    const unknown = { ...view.witnesses[1]!, inconsistent: false, lastError: "HTTP 404: unknown log yishi.local/org/x" };
    const html404 = await render("en", { witnesses: [unknown], checkpoints: [] });
    expect(html404).toContain("did not accept the checkpoint of the first 14 entries");
    expect(html404).not.toContain("may have been rewritten");
  });

  it("names the township's own witness by the township and shows its verifier key (issue #21 item 3)", async () => {
    const vkey = "yishi.local/township/t1+0a0b0c0d+BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    const township = {
      ...base,
      name: "yishi.local/township/t1",
      display: "大沥镇（演示）",
      label: "yishi.local/township/t1+0a0b0c0d",
      status: "ok" as const,
      knownSize: 9,
      townshipVkey: vkey,
    };
    const html = await render("zh-CN", {
      witnesses: [township],
      checkpoints: [
        {
          size: 9,
          signedAt: new Date("2026-03-01T05:00:00Z"),
          witnessedBy: [{ name: township.name, display: "大沥镇（演示）", at: new Date("2026-03-01T05:00:01Z") }],
        },
      ],
    });
    expect(html).toContain("✓ 大沥镇（演示）：已联署，覆盖前 9 条记录");
    expect(html).toContain(vkey);
    expect(html).toMatch(/前 9 条（[^）]+签名）：已由 大沥镇（演示） 见证/);
  });
});
