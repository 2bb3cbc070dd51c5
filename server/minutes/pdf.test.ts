import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { minutesPdf } from "./pdf";

describe("the minutes PDF's signature lines", () => {
  it("says how each signer signed and leaves those who have not a line to sign on", async () => {
    const pdf = await minutesPdf({
      title: "会议记录（第1版）",
      subtitle: "平洲村",
      text: "正文",
      sha256: "ab".repeat(32),
      reason: null,
      signers: [
        { personId: "1", name: "陈国强", role: "主持人", signed: "本人手机签字，2026年12月3日 09:30" },
        { personId: "2", name: "何耀祖", role: "参会人", signed: "代书（见证人：黄锦华、李淑芬），2026年12月3日 09:40" },
        { personId: "3", name: "黄子健", role: "参会人", signed: null },
      ],
      qr: { content: "sha256:x", caption: "二维码" },
      labels: { hash: "全文校验码", signatures: "签字", correction: "更正理由", page: "第{page}页，共{pages}页", signHere: "签字（或按手印）" },
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "yishi-pdf-")), "minutes.pdf");
    writeFileSync(file, pdf);
    const lines = execFileSync("pdftotext", ["-enc", "UTF-8", "-layout", file, "-"], { encoding: "utf8" })
      .split("\n")
      .map((l) => l.trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        "陈国强（主持人）：本人手机签字，2026年12月3日 09:30",
        "何耀祖（参会人）：代书（见证人：黄锦华、李淑芬），2026年12月3日 09:40",
        "黄子健（参会人）：签字（或按手印）",
      ]),
    );
  });
});
