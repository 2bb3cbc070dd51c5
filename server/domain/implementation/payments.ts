/**
 * Payments checked against decisions (issue #23), pure. A 三资 platform's export lists payments (date, payee,
 * amount, purpose, and the decision's short ID where the clerk entered one); each payment is flagged when it cites no
 * decision, cites one that is unknown here or did not pass (or no longer stands), or makes the total paid under a
 * decision exceed the amount that decision set.
 */
import { parseYuan } from "./progress";

export type PaymentFlag = "no_decision" | "unknown_decision" | "failed_decision" | "over_cap";

export type PaymentRow = { line: number; paidOn: string; payee: string; amountFen: bigint; purpose: string; decisionCode: string | null };

export type RowProblem = { line: number; field: "date" | "payee" | "amount" | "purpose" | "header"; reason: "missing" | "invalid" };

/** Column headings as platforms and people write them; the first match per column wins. */
const HEADINGS: Record<keyof Omit<PaymentRow, "line">, readonly string[]> = {
  paidOn: ["日期", "支付日期", "付款日期", "date"],
  payee: ["收款人", "收款单位", "收款方", "payee"],
  amountFen: ["金额", "金额（元）", "金额(元)", "支付金额", "amount"],
  purpose: ["用途", "摘要", "事由", "purpose"],
  decisionCode: ["决议编号", "决议号", "决议", "decision", "decision id"],
};

const clean = (cell: string | undefined) => (cell ?? "").normalize("NFKC").trim();

/** `2026-05-01`, `2026/5/1`, `2026.5.1`, `2026年5月1日` → `2026-05-01`; null when it is no calendar date. */
export function parseDate(text: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(clean(text));
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Decision short IDs are printed lower-case Crockford base32; people type them in any case and with spaces. */
export function normalizeDecisionCode(text: string): string | null {
  const code = clean(text).toLowerCase().replace(/[\s-]/g, "");
  return code === "" ? null : code;
}

/**
 * Table records (first one the headings) → payment rows, or the first problem with its line. Blank lines are
 * skipped. A row with a bad date, amount or no payee is refused as a whole: an import is all or nothing.
 */
export function paymentRows(records: readonly { line: number; cells: readonly string[] }[]): { rows: PaymentRow[] } | { problem: RowProblem } {
  const nonEmpty = records.filter((r) => r.cells.some((c) => clean(c) !== ""));
  const header = nonEmpty[0];
  if (!header) return { problem: { line: 1, field: "header", reason: "missing" } };
  const names = header.cells.map((c) => clean(c).toLowerCase());
  const column = (key: keyof typeof HEADINGS) => {
    const accepted = HEADINGS[key].map((h) => h.toLowerCase());
    return names.findIndex((n) => accepted.includes(n));
  };
  const at = {
    paidOn: column("paidOn"),
    payee: column("payee"),
    amountFen: column("amountFen"),
    purpose: column("purpose"),
    decisionCode: column("decisionCode"),
  };
  if (at.paidOn < 0) return { problem: { line: header.line, field: "date", reason: "missing" } };
  if (at.payee < 0) return { problem: { line: header.line, field: "payee", reason: "missing" } };
  if (at.amountFen < 0) return { problem: { line: header.line, field: "amount", reason: "missing" } };
  if (at.purpose < 0) return { problem: { line: header.line, field: "purpose", reason: "missing" } };
  const rows: PaymentRow[] = [];
  for (const record of nonEmpty.slice(1)) {
    const cell = (index: number) => (index < 0 ? "" : clean(record.cells[index]));
    const paidOn = parseDate(cell(at.paidOn));
    if (!paidOn) return { problem: { line: record.line, field: "date", reason: cell(at.paidOn) ? "invalid" : "missing" } };
    const amountFen = parseYuan(cell(at.amountFen));
    if (amountFen === null || amountFen === 0n) return { problem: { line: record.line, field: "amount", reason: cell(at.amountFen) ? "invalid" : "missing" } };
    const payee = cell(at.payee);
    if (!payee || payee.length > 200) return { problem: { line: record.line, field: "payee", reason: payee ? "invalid" : "missing" } };
    const purpose = cell(at.purpose);
    if (purpose.length > 500) return { problem: { line: record.line, field: "purpose", reason: "invalid" } };
    rows.push({ line: record.line, paidOn, payee, amountFen, purpose, decisionCode: normalizeDecisionCode(cell(at.decisionCode)) });
  }
  return { rows };
}

export type DecisionOnRecord = { code: string; isStanding: boolean; capFen: bigint | null; paidBeforeFen: bigint };

/**
 * Flags per row, in the order given. The total under a decision starts from what earlier imports paid under it and
 * grows in date order (then line order): the payment that takes it past the cap and every later one are over it. A
 * payment equal to the remaining amount is within the cap.
 */
export function checkPayments(rows: readonly PaymentRow[], decisions: ReadonlyMap<string, DecisionOnRecord>): PaymentFlag[][] {
  const flags: PaymentFlag[][] = rows.map(() => []);
  const totals = new Map<string, bigint>();
  const order = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (a.row.paidOn < b.row.paidOn ? -1 : a.row.paidOn > b.row.paidOn ? 1 : a.row.line - b.row.line));
  for (const { row, index } of order) {
    if (row.decisionCode === null) {
      flags[index].push("no_decision");
      continue;
    }
    const decision = decisions.get(row.decisionCode);
    if (!decision) {
      flags[index].push("unknown_decision");
      continue;
    }
    if (!decision.isStanding) flags[index].push("failed_decision");
    const total = (totals.get(decision.code) ?? decision.paidBeforeFen) + row.amountFen;
    totals.set(decision.code, total);
    if (decision.capFen !== null && total > decision.capFen) flags[index].push("over_cap");
  }
  return flags;
}
