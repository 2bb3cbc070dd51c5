/**
 * Turns the bytes of an uploaded roster into table records, whatever the admin's program saved: CSV in UTF-8 (with or
 * without a byte-order mark), in GBK/GB18030 (Excel and WPS on Chinese Windows save "CSV" that way), UTF-16 text
 * ("Unicode 文本"), or an .xlsx workbook (Excel or WPS). The kind is found from the bytes, never asked and never
 * taken from the file name. A file that cannot be read says why and, where it can, on which line.
 */
import { InvalidInputError, readSheet } from "read-excel-file/universal";
import { csvRecords, type RosterFileProblem, type RosterRecord } from "./parseRoster";

export type TextEncoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export type RosterFileRead =
  | { ok: true; format: "csv" | "xlsx"; encoding: TextEncoding | null; records: RosterRecord[] }
  | { ok: false; problem: RosterFileProblem; line: number | null };

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The file's lines as byte ranges. Splitting at 0x0A is safe in UTF-8 and in GB18030 alike: neither uses that byte
 * inside a character, so a bad character can be pinned to its line.
 */
function lines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      out.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return out;
}

/** The 1-based number of the first line this encoding cannot decode, or null when all of them decode. */
function firstBadLine(parts: readonly Uint8Array[], encoding: "utf-8" | "gb18030"): number | null {
  const decoder = new TextDecoder(encoding, { fatal: true });
  for (const [index, part] of parts.entries()) {
    try {
      decoder.decode(part);
    } catch {
      return index + 1;
    }
  }
  return null;
}

/** UTF-8 when every line is UTF-8; else GB18030 (a superset of GBK and GB2312) when every line is that. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } | { problem: RosterFileProblem; line: number | null } {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  const hasBom = startsWith(bytes, UTF8_BOM);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const parts = lines(body);
  const badUtf8 = firstBadLine(parts, "utf-8");
  if (badUtf8 === null) return { text: new TextDecoder("utf-8").decode(body), encoding: "utf-8" };
  // A byte-order mark, or a line with Chinese that is valid UTF-8, means the file was meant as UTF-8: a line that is
  // not is damage or a second file pasted in, and reading it all as GBK would garble the rest.
  const utf8Chinese = parts.some((part) => part.some((b) => b >= 0x80) && firstBadLine([part], "utf-8") === null);
  if (hasBom || utf8Chinese) return { problem: hasBom ? "encoding" : "mixed_encoding", line: badUtf8 };
  const badGb = firstBadLine(parts, "gb18030");
  if (badGb === null) return { text: new TextDecoder("gb18030").decode(body), encoding: "gb18030" };
  return { problem: "encoding", line: badGb };
}

/** Cells as text: numbers as the sheet stores them (an 11-digit phone stays whole), yes/no as 是/否. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<RosterFileRead> {
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // parseNumber keeps the stored digits: a long number is not rounded through a JavaScript number.
    const rows = await readSheet(buffer, { parseNumber: (text: string) => text, trim: true });
    return { ok: true, format: "xlsx", encoding: null, records: rows.map((row, index) => ({ line: index + 1, cells: row.map(cellText) })) };
  } catch (error) {
    if (error instanceof InvalidInputError && error.code === "NO_DATA") return { ok: false, problem: "empty", line: null };
    return { ok: false, problem: "xlsx_unreadable", line: null };
  }
}

/**
 * Text in any of the encodings above has no control bytes other than tab and line ends (UTF-16 has NULs, but it
 * starts with its byte-order mark); a PDF, a picture or a program has them within its first few kilobytes.
 */
function isText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return false; // %PDF
  return !bytes.subarray(0, 65_536).some((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b));
}

export async function readRosterFile(bytes: Uint8Array): Promise<RosterFileRead> {
  if (bytes.length === 0) return { ok: false, problem: "empty", line: null };
  if (startsWith(bytes, ZIP)) return readXlsx(bytes);
  if (startsWith(bytes, OLE)) return { ok: false, problem: "xls", line: null };
  if (!isText(bytes)) return { ok: false, problem: "not_a_table", line: null };
  const decoded = decodeText(bytes);
  if ("problem" in decoded) return { ok: false, problem: decoded.problem, line: decoded.line };
  const records = csvRecords(decoded.text);
  if ("problem" in records) return { ok: false, problem: records.problem, line: records.line };
  return { ok: true, format: "csv", encoding: decoded.encoding, records };
}
