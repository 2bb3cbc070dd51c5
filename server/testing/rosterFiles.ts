/**
 * One roster written the ways admins' programs save it: CSV in UTF-8 (with or without a byte-order mark), GBK and
 * GB18030 (Excel and WPS on Chinese Windows), an .xlsx from a spreadsheet library (shared strings) and an .xlsx laid
 * out as WPS Office writes it (inline strings, numbers kept as text, absolute part names). For the roster tests.
 */

import { strToU8, zipSync } from "fflate";
import iconv from "iconv-lite";
import writeXlsxFile from "write-excel-file/universal";

export const ROSTER_HEADER = ["姓名", "手机号", "身份证号", "户号", "与户主关系", "性别", "年满18周岁", "党员", "经济社成员"];

/** Valid check digits (GB 11643); 彧 and 喆 are in GBK but not in the older GB2312. */
export const ROSTER_ROWS = [
  ["黎彧明", "13900000011", "440102198505052014", "1号户", "户主", "男", "是", "是", "是"],
  ["冯喆", "13900000012", "440106200002290040", "1号户", "配偶", "女", "是", "否", "是"],
  ["黎晓", "", "", "1号户", "子", "男", "否", "否", "否"],
  ["区淑贞", "13900000014", "440102197208151142", "2号户", "户主", "女", "是", "否", "是"],
];

export function rosterCsvText(rows: readonly (readonly string[])[] = ROSTER_ROWS): string {
  return `${[ROSTER_HEADER, ...rows].map((r) => r.join(",")).join("\r\n")}\r\n`;
}

export const utf8Csv = (bom: boolean, text = rosterCsvText()) => new Uint8Array(Buffer.from(`${bom ? "\uFEFF" : ""}${text}`, "utf8"));
export const gbkCsv = (text = rosterCsvText()) => new Uint8Array(iconv.encode(text, "gbk"));
export const gb18030Csv = (text = rosterCsvText()) => new Uint8Array(iconv.encode(text, "gb18030"));

/** As a spreadsheet library writes it: shared strings, phones as numbers, the ID number column as text. */
export async function libraryXlsx(rows: readonly (readonly string[])[] = ROSTER_ROWS): Promise<Uint8Array> {
  const data = [ROSTER_HEADER, ...rows].map((row, r) => row.map((cell, c) => (r > 0 && c === 1 && cell !== "" ? Number(cell) : cell === "" ? null : cell)));
  const blob = await writeXlsxFile(data).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

const xmlEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const column = (index: number) => String.fromCharCode(65 + index);

/**
 * As WPS Office lays out an .xlsx: inline strings instead of a shared-string table, digits stored as text (t="str"),
 * absolute part names in the relationships, and its own document properties.
 */
export function wpsXlsx(rows: readonly (readonly string[])[] = ROSTER_ROWS): Uint8Array {
  const sheetRows = [ROSTER_HEADER, ...rows].map((row, r) => {
    const cells = row.map((cell, c) => {
      const ref = `${column(c)}${r + 1}`;
      if (cell === "") return "";
      if (/^\d+$/.test(cell)) return `<c r="${ref}" t="str"><v>${cell}</v></c>`;
      return `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(cell)}</t></is></c>`;
    });
    return `<row r="${r + 1}" spans="1:${row.length}">${cells.join("")}</row>`;
  });
  const main =
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipSync({
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rels}/officeDocument" Target="/xl/workbook.xml"/><Relationship Id="rId2" Type="${rels}/extended-properties" Target="/docProps/app.xml"/></Relationships>`,
    ),
    "docProps/app.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>WPS 表格</Application></Properties>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${main}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rels}/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${main}><sheetData>${sheetRows.join("")}</sheetData></worksheet>`,
    ),
  });
}
