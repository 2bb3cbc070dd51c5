/**
 * Reads a roster CSV (花名册) into rows. Pure: text in, rows out; nothing is checked against the database here.
 * Headers may be Chinese or English; values 男/女, 是/否 (or yes/no, 1/0).
 */
import { parse } from "csv-parse/sync";

export type RosterField = "name" | "phone" | "household" | "gender" | "isAdult" | "isPartyMember" | "isCoopMember";

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
};

/** The template's header row, in the order a downloadable template shows it. */
export const TEMPLATE_HEADERS = ["姓名", "手机号", "户号", "性别", "年满18周岁", "党员", "经济社成员"] as const;

export const MAX_ROSTER_ROWS = 5_000;

export type RawRosterRow = { line: number } & Partial<Record<RosterField, string>>;

export type RosterFileProblem = "empty" | "unreadable" | "missing_name_column" | "unknown_column" | "too_many_rows";

export type ParsedRoster = { rows: RawRosterRow[]; problem: RosterFileProblem | null; unknownColumns: string[] };

function headerKey(header: string): RosterField | undefined {
  const cleaned = header.replace(/[\s（）()]/g, "").toLowerCase();
  return HEADERS[cleaned] ?? HEADERS[header.trim()];
}

export function parseRosterCsv(text: string): ParsedRoster {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch {
    return { rows: [], problem: "unreadable", unknownColumns: [] };
  }
  const [header, ...body] = records;
  if (!header || body.length === 0) return { rows: [], problem: "empty", unknownColumns: [] };
  const fields = header.map(headerKey);
  const unknownColumns = header.filter((_, i) => fields[i] === undefined && header[i] !== "");
  if (unknownColumns.length > 0) return { rows: [], problem: "unknown_column", unknownColumns };
  if (!fields.includes("name")) return { rows: [], problem: "missing_name_column", unknownColumns: [] };
  if (body.length > MAX_ROSTER_ROWS) return { rows: [], problem: "too_many_rows", unknownColumns: [] };
  const rows = body.map((record, index) => {
    // Line numbers as a spreadsheet shows them: the header is line 1.
    const row: RawRosterRow = { line: index + 2 };
    fields.forEach((field, column) => {
      const value = record[column];
      if (field && value !== undefined && value !== "") row[field] = value;
    });
    return row;
  });
  return { rows, problem: null, unknownColumns: [] };
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
