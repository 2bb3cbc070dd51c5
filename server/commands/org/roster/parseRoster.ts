/**
 * Reads a roster table (花名册) into rows. Pure: cells in, rows out; nothing is checked against the database here.
 * The cells come from a CSV (parseRosterCsv) or a spreadsheet (readRosterFile). Headers may be Chinese or English;
 * values 男/女, 是/否 (or yes/no, 1/0).
 */
import { parse } from "csv-parse/sync";

export type RosterField = "name" | "phone" | "household" | "gender" | "isAdult" | "isPartyMember" | "isCoopMember" | "idNumber" | "relationship";

const HEADERS: Record<string, RosterField> = {
  姓名: "name",
  name: "name",
  手机号: "phone",
  手机: "phone",
  手机号码: "phone",
  phone: "phone",
  户号: "household",
  household: "household",
  性别: "gender",
  gender: "gender",
  年满18周岁: "isAdult",
  是否年满18周岁: "isAdult",
  adult: "isAdult",
  党员: "isPartyMember",
  party: "isPartyMember",
  经济社成员: "isCoopMember",
  集体经济组织成员: "isCoopMember",
  coop: "isCoopMember",
  身份证号: "idNumber",
  身份证号码: "idNumber",
  公民身份号码: "idNumber",
  idnumber: "idNumber",
  与户主关系: "relationship",
  户主关系: "relationship",
  relationship: "relationship",
};

/** The template's header row, in the order a downloadable template shows it. */
export const TEMPLATE_HEADERS = ["姓名", "手机号", "身份证号", "户号", "与户主关系", "性别", "年满18周岁", "党员", "经济社成员"] as const;

export const MAX_ROSTER_ROWS = 5_000;

export type RawRosterRow = { line: number } & Partial<Record<RosterField, string>>;

/**
 * Why a file cannot be read at all, said to the admin in words (messages adminImport.problem.*): `encoding` — the
 * text is neither UTF-8 nor GBK/GB18030; `mixed_encoding` — some lines UTF-8, some not (two files pasted together);
 * `xls` — the old Excel format; `not_a_table` — a picture, PDF, Word file …; `xlsx_unreadable` — a damaged .xlsx.
 */
export type RosterFileProblem =
  | "empty"
  | "unreadable"
  | "missing_name_column"
  | "unknown_column"
  | "too_many_rows"
  | "encoding"
  | "mixed_encoding"
  | "xls"
  | "not_a_table"
  | "xlsx_unreadable";

/** One record of the table and its line (CSV) or row (spreadsheet) number as the admin's program shows it. */
export type RosterRecord = { line: number; cells: string[] };

export type ParsedRoster = { rows: RawRosterRow[]; problem: RosterFileProblem | null; problemLine: number | null; unknownColumns: string[] };

function headerKey(header: string): RosterField | undefined {
  const cleaned = header.replace(/[\s（）()]/g, "").toLowerCase();
  return HEADERS[cleaned] ?? HEADERS[header.trim()];
}

const problem = (kind: RosterFileProblem, line: number | null = null, unknownColumns: string[] = []): ParsedRoster => ({
  rows: [],
  problem: kind,
  problemLine: line,
  unknownColumns,
});

/** Records as read from CSV text: a tab-separated file ("Unicode 文本" from Excel) is read as such. */
export function csvRecords(text: string): RosterRecord[] | { problem: RosterFileProblem; line: number | null } {
  const firstLine = text.split("\n", 1)[0] ?? "";
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  try {
    const parsed = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true, delimiter }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return parsed.map((p) => ({ line: p.info.lines, cells: p.record }));
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    return { problem: "unreadable", line: typeof line === "number" ? line : null };
  }
}

export function parseRosterCsv(text: string): ParsedRoster {
  const records = csvRecords(text);
  return "problem" in records ? problem(records.problem, records.line) : parseRosterRecords(records);
}

/** Header row first; rows with nothing in them are skipped. */
export function parseRosterRecords(all: readonly RosterRecord[]): ParsedRoster {
  const records = all.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const [header, ...body] = records;
  if (!header || body.length === 0) return problem("empty");
  const cells = header.cells.map((c) => c.trim());
  const fields = cells.map(headerKey);
  const unknownColumns = cells.filter((c, i) => fields[i] === undefined && c !== "");
  if (unknownColumns.length > 0) return problem("unknown_column", header.line, unknownColumns);
  if (!fields.includes("name")) return problem("missing_name_column", header.line);
  if (body.length > MAX_ROSTER_ROWS) return problem("too_many_rows");
  const rows = body.map((record) => {
    const row: RawRosterRow = { line: record.line };
    fields.forEach((field, column) => {
      const value = record.cells[column]?.trim();
      if (field && value !== undefined && value !== "") row[field] = value;
    });
    return row;
  });
  return { rows, problem: null, problemLine: null, unknownColumns: [] };
}

/** 是/否, yes/no, 1/0, Y/N, √/×; empty means the default. `null` for a value that is none of these. */
export function readFlag(value: string | undefined, fallback: boolean): boolean | null {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (["是", "yes", "y", "true", "1", "√", "✓"].includes(v)) return true;
  if (["否", "no", "n", "false", "0", "×", "x"].includes(v)) return false;
  return null;
}

export function readGender(value: string | undefined): "female" | "male" | null {
  const v = value?.trim().toLowerCase();
  if (v === "男" || v === "male" || v === "m") return "male";
  if (v === "女" || v === "female" || v === "f") return "female";
  return null;
}

/** Spaces, dashes and a +86 prefix are what people type around a mobile number. */
export function normalizePhone(value: string): string {
  return value.replace(/[\s-]/g, "").replace(/^(\+?86)(1\d{10})$/, "$2");
}
