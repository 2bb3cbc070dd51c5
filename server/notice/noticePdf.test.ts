import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { noticePdf } from "./noticePdf";

describe("the printable notice", () => {
  it("renders Chinese text on A4 that pdftotext reads back", async () => {
    const pdf = await noticePdf({
      orgName: "平洲村（演示）",
      kind: "decision",
      title: "2026年度村集体财务预算",
      body: "同意2026年度村集体财务预算",
      voteSummary: {
        meetingId: "m",
        meetingNumber: "2026年第2次",
        meetingTitle: "村民代表会议",
        bodyName: "平洲村村民代表会议",
        bodyKind: "villager-representatives",
        heldAt: "2026-11-13T01:30:00.000Z",
        motionId: "x",
        motionText: "同意2026年度村集体财务预算",
        method: "hands_named",
        matterKind: "general",
        expected: 15,
        present: 12,
        entitledCount: 12,
        yes: 10,
        no: 1,
        abstain: 1,
        notVoted: 0,
        recusedCount: 0,
        quorumMet: true,
        quorumRequired: 10,
        yesRequired: 7,
        passed: true,
        legalBasis: ["村民委员会组织法 第二十六条"],
        explanation: { "zh-CN": "到会12人，同意10票，通过。", en: "Passed." },
        announcedAt: null,
      },
      postedAt: new Date("2026-11-27T02:00:00Z"),
      periodDays: 7,
      endsAt: new Date("2026-12-04T02:00:00Z"),
      correction: null,
      isSuperseded: false,
      noticeUrl: "http://cun.example.cn/n/org/notice",
      verifyUrl: "http://cun.example.cn/n/org/notice/verify",
      audit: { seq: 41, checkpointSize: 42, rootHash: "ab".repeat(32) },
    });
    const dir = mkdtempSync(path.join(tmpdir(), "yishi-pdf-"));
    try {
      const file = path.join(dir, "notice.pdf");
      writeFileSync(file, pdf);
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      for (const expected of [
        "决议公示",
        "平洲村（演示）",
        "同意 10 票，反对 1 票，弃权 1 票",
        "法律依据：村民委员会组织法 第二十六条",
        "公示期：2026年11月27日 10:00 至 2026年12月4日 10:00（7 天）",
        "发布日期：2026年11月27日",
        "审计日志第 41 条",
      ]) {
        expect(text).toContain(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
