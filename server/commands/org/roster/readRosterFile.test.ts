import { strToU8, zipSync } from "fflate";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { gb18030Csv, gbkCsv, libraryXlsx, ROSTER_HEADER, ROSTER_ROWS, rosterCsvText, utf8Csv, wpsXlsx } from "../../../testing/rosterFiles";
import { parseRosterRecords } from "./parseRoster";
import { readRosterFile } from "./readRosterFile";

async function peopleOf(bytes: Uint8Array) {
  const read = await readRosterFile(bytes);
  if (!read.ok) throw new Error(`not read: ${read.problem} at ${read.line}`);
  const parsed = parseRosterRecords(read.records);
  expect(parsed.problem).toBeNull();
  return { read, rows: parsed.rows.map(({ line: _line, ...row }) => row) };
}

describe("readRosterFile: whatever the admin's program saved, the same people", () => {
  it("reads UTF-8 with and without a byte-order mark, GBK, GB18030 and two kinds of .xlsx alike", async () => {
    const expected = (await peopleOf(utf8Csv(false))).rows;
    expect(expected).toHaveLength(ROSTER_ROWS.length);
    expect(expected[0]).toEqual({
      name: "黎彧明",
      phone: "13900000011",
      idNumber: "440102198505052014",
      household: "1号户",
      relationship: "户主",
      gender: "男",
      isAdult: "是",
      isPartyMember: "是",
      isCoopMember: "是",
    });
    const files = { bom: utf8Csv(true), gbk: gbkCsv(), gb18030: gb18030Csv(), xlsx: await libraryXlsx(), wps: wpsXlsx() };
    for (const [kind, bytes] of Object.entries(files)) {
      const { rows } = await peopleOf(bytes);
      expect(rows, kind).toEqual(expected);
    }
    // The GBK bytes are not UTF-8: without detection the headers would be garbled.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(files.gbk)).toThrow();
  });

  it("says how it read each file", async () => {
    expect((await peopleOf(utf8Csv(true))).read).toMatchObject({ format: "csv", encoding: "utf-8" });
    expect((await peopleOf(gbkCsv())).read).toMatchObject({ format: "csv", encoding: "gb18030" });
    expect((await peopleOf(wpsXlsx())).read).toMatchObject({ format: "xlsx", encoding: null });
  });

  it("reads a name GBK cannot write (䶮, four bytes in GB18030), and Excel's tab-separated Unicode text", async () => {
    const rows = [["刘䶮", "", "", "3号户", "户主", "男", "是", "否", "否"]];
    const gb = await peopleOf(gb18030Csv(rosterCsvText(rows)));
    expect(gb.rows[0]?.name).toBe("刘䶮");
    const tabbed = `${[ROSTER_HEADER, ...ROSTER_ROWS].map((r) => r.join("\t")).join("\r\n")}\r\n`;
    const unicode = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, "utf16le")]));
    expect((await peopleOf(unicode)).rows).toEqual((await peopleOf(utf8Csv(false))).rows);
  });

  it("keeps spreadsheet row numbers when rows are left empty", async () => {
    const read = await readRosterFile(await libraryXlsx([ROSTER_ROWS[0]!, ["", "", "", "", "", "", "", "", ""], ROSTER_ROWS[1]!]));
    if (!read.ok) throw new Error(read.problem);
    expect(parseRosterRecords(read.records).rows.map((r) => [r.line, r.name])).toEqual([
      [2, "黎彧明"],
      [4, "冯喆"],
    ]);
  });
});

describe("readRosterFile: a file it cannot read says why", () => {
  it("a GBK file with a broken character: the encoding, on which line", async () => {
    const bytes = Buffer.from(gbkCsv());
    const lineStarts = [0, ...Array.from(bytes).flatMap((b, i) => (b === 0x0a ? [i + 1] : []))];
    bytes[lineStarts[2]! + 1] = 0xff; // line 3, inside 冯's two bytes: 0xFF is no GBK trail byte
    expect(await readRosterFile(new Uint8Array(bytes))).toEqual({ ok: false, problem: "encoding", line: 3 });
  });

  it("a UTF-8 file with one GBK line pasted in: mixed encodings, on which line", async () => {
    const utf8 = Buffer.from(rosterCsvText(ROSTER_ROWS.slice(0, 2)), "utf8");
    const gbk = iconv.encode(`${ROSTER_ROWS[3]!.join(",")}\r\n`, "gbk");
    expect(await readRosterFile(new Uint8Array(Buffer.concat([utf8, gbk])))).toEqual({ ok: false, problem: "mixed_encoding", line: 4 });
  });

  it("an old .xls, a PDF, a Word document, a damaged .xlsx, an empty file", async () => {
    const xls = new Uint8Array(1024);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readRosterFile(xls)).toMatchObject({ ok: false, problem: "xls" });
    expect(await readRosterFile(new Uint8Array(Buffer.from("%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", "latin1")))).toMatchObject({ ok: false, problem: "not_a_table" });
    const docx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w:document/>") });
    expect(await readRosterFile(docx)).toMatchObject({ ok: false, problem: "xlsx_unreadable" });
    expect(await readRosterFile((await libraryXlsx()).subarray(0, 200))).toMatchObject({ ok: false, problem: "xlsx_unreadable" });
    expect(await readRosterFile(new Uint8Array(0))).toMatchObject({ ok: false, problem: "empty" });
  });

  it("a CSV with an unclosed quote: unreadable, on the line the quote opens", async () => {
    expect(await readRosterFile(utf8Csv(false, '姓名,性别\n张三,男\n"李四,女\n'))).toMatchObject({ ok: false, problem: "unreadable", line: 3 });
  });
});
