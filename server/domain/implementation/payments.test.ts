import { describe, expect, it } from "vitest";
import { checkPayments, type DecisionOnRecord, type PaymentRow, parseDate, paymentRows } from "./payments";

const row = (line: number, paidOn: string, yuan: number, decisionCode: string | null): PaymentRow => ({
  line,
  paidOn,
  payee: "某建筑队",
  amountFen: BigInt(yuan * 100),
  purpose: "道路硬化",
  decisionCode,
});
const decision = (code: string, capYuan: number | null, paidBeforeYuan = 0, isStanding = true): [string, DecisionOnRecord] => [
  code,
  { code, isStanding, capFen: capYuan === null ? null : BigInt(capYuan * 100), paidBeforeFen: BigInt(paidBeforeYuan * 100) },
];

describe("payments against decisions", () => {
  it("flags a payment citing no decision, an unknown one, and one that no longer stands", () => {
    const decisions = new Map([decision("k3m9q2x7", 10_000), decision("failed01", null, 0, false)]);
    const flags = checkPayments(
      [row(2, "2026-05-01", 100, null), row(3, "2026-05-01", 100, "zzzzzzzz"), row(4, "2026-05-01", 100, "failed01"), row(5, "2026-05-01", 100, "k3m9q2x7")],
      decisions,
    );
    expect(flags).toEqual([["no_decision"], ["unknown_decision"], ["failed_decision"], []]);
  });
  it("lets payments reach the cap exactly and flags the one that passes it and every later one, in date order", () => {
    const decisions = new Map([decision("k3m9q2x7", 10_000, 4_000)]);
    const rows = [row(2, "2026-06-03", 1, "k3m9q2x7"), row(3, "2026-06-01", 5_000, "k3m9q2x7"), row(4, "2026-06-02", 1_000, "k3m9q2x7")];
    // 4,000 earlier + 5,000 (06-01) + 1,000 (06-02) = 10,000: at the cap. The 1 yuan of 06-03 passes it.
    expect(checkPayments(rows, decisions)).toEqual([["over_cap"], [], []]);
  });
});

describe("payment files", () => {
  it("reads dates as platforms write them", () => {
    expect(parseDate("2026/5/1")).toBe("2026-05-01");
    expect(parseDate("2026年5月1日")).toBe("2026-05-01");
    expect(parseDate("2026-02-30")).toBeNull();
  });
  it("maps Chinese headings and names the line of a bad amount", () => {
    const records = [
      { line: 1, cells: ["日期", "收款人", "金额（元）", "用途", "决议编号"] },
      { line: 2, cells: ["2026-05-01", "某建筑队", "1,200.50", "材料款", " K3M9 Q2X7 "] },
      { line: 3, cells: ["", "", "", "", ""] },
      { line: 4, cells: ["2026-05-02", "某建筑队", "十元", "人工", ""] },
    ];
    expect(paymentRows(records)).toEqual({ problem: { line: 4, field: "amount", reason: "invalid" } });
    const good = paymentRows(records.slice(0, 3));
    expect(good).toEqual({ rows: [{ line: 2, paidOn: "2026-05-01", payee: "某建筑队", amountFen: 120_050n, purpose: "材料款", decisionCode: "k3m9q2x7" }] });
  });
  it("refuses a file without an amount column", () => {
    expect(paymentRows([{ line: 1, cells: ["日期", "收款人", "用途"] }])).toEqual({ problem: { line: 1, field: "amount", reason: "missing" } });
  });
});
