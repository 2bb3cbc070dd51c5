import { describe, expect, it } from "vitest";
import { canonicalMinutesText, normalizeFreeText, sha256Hex } from "./canonicalText";
import type { RecordBlock } from "./recordBlocks";

const blocks: RecordBlock[] = [
  { id: "header", kind: "header", title: "平洲村村民代表会议 2026年第2次 会议记录", fields: [{ label: "地点", value: "村委会二楼会议室" }] },
  {
    id: "attendance",
    kind: "attendance",
    title: "出席情况",
    fields: [
      { label: "应到", value: "15人" },
      { label: "实到", value: "12人" },
    ],
  },
];

describe("the canonical text of the minutes", () => {
  it("puts each block's free text right after it, in order, with one blank line between blocks", () => {
    const text = canonicalMinutesText(blocks, { attendance: "全体起立。", header: "会议开始。" });
    expect(text).toBe(
      "【平洲村村民代表会议 2026年第2次 会议记录】\n地点：村委会二楼会议室\n\n会议开始。\n\n【出席情况】\n应到：15人\n实到：12人\n\n全体起立。\n",
    );
  });

  it("gives the same bytes and hash whatever invisible whitespace the editors left", () => {
    const clean = canonicalMinutesText(blocks, { header: "第一段\n\n第二段" });
    const messy = canonicalMinutesText(blocks, { header: "\n\n第一段  \r\n\n\n\n第二段\t\n\n", other: "ignored" });
    expect(messy).toBe(clean);
    expect(sha256Hex(messy)).toBe(sha256Hex(clean));
  });

  it("changes the hash when one character of the free text or of the record changes", () => {
    const base = sha256Hex(canonicalMinutesText(blocks, { header: "同意" }));
    expect(sha256Hex(canonicalMinutesText(blocks, { header: "不同意" }))).not.toBe(base);
    const recount = blocks.map((b) =>
      b.id === "attendance"
        ? {
            ...b,
            fields: [
              { label: "应到", value: "15人" },
              { label: "实到", value: "11人" },
            ],
          }
        : b,
    );
    expect(sha256Hex(canonicalMinutesText(recount, { header: "同意" }))).not.toBe(base);
  });

  it("folds blank lines and composes characters to NFC", () => {
    expect(normalizeFreeText("a\u0301\n\n\n\nb")).toBe("\u00e1\n\nb");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
