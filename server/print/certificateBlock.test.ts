/** The certificates' block (issue #23) on the printed minutes: short ID, decision and link for each passed decision. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { minutesPdf } from "../minutes/pdf";

describe("the certificates on the printed minutes", () => {
  it("prints each passed decision's short ID, its text and the address its QR code opens", async () => {
    const pdf = await minutesPdf({
      title: "会议记录（第1版）",
      subtitle: "平洲村",
      text: "正文",
      sha256: "ab".repeat(32),
      reason: null,
      signers: [{ personId: "1", name: "陈国强", role: "主持人", signed: null }],
      qr: { content: "sha256:x", caption: "二维码" },
      labels: { hash: "全文校验码", signatures: "签字", correction: "更正理由", page: "第{page}页，共{pages}页", signHere: "签字（或按手印）" },
      certificates: [
        { code: "7k3m9q2x", motion: "同意2026年度村集体财务预算", url: "http://cun.example.cn/c/7k3m9q2x" },
        { code: "a1b2c3d4", motion: "同意修缮村文化室屋面", url: "http://cun.example.cn/c/a1b2c3d4" },
      ],
    });
    const dir = mkdtempSync(path.join(tmpdir(), "yishi-cert-pdf-"));
    try {
      const file = path.join(dir, "minutes.pdf");
      writeFileSync(file, pdf);
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
      for (const expected of [
        "决议凭证编号：7k3m9q2x",
        "同意2026年度村集体财务预算",
        "http://cun.example.cn/c/7k3m9q2x",
        "决议凭证编号：a1b2c3d4",
        "同意修缮村文化室屋面",
      ]) {
        expect(text).toContain(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
