import { describe, expect, it } from "vitest";
import { type ResultRecord, resultNoticeText } from "./resultText";

const record: ResultRecord = {
  decisionCode: "k3m9q2x7",
  responsibleName: "王建国",
  startsOn: "2026-05-01",
  endsOn: "2026-08-31",
  capFen: 50_000_000n,
  milestones: [
    { title: "招标", dueOn: "2026-05-20", doneOn: "2026-05-18" },
    { title: "路面硬化", dueOn: "2026-07-31", doneOn: null },
  ],
  updates: [{ reportedOn: "2026-05-18", text: "完成招标", spentFen: 50_000_001n, photos: 2, documents: 1 }],
  payments: { count: 3, totalFen: 40_000_000n, flagged: 1 },
};

describe("the result notice built from the record", () => {
  it("states the cap, what was spent and by how much it is exceeded, and each milestone's status", () => {
    const text = resultNoticeText(record, "2026-08-01", 5_000);
    expect(text).toContain("决议金额（上限）：500,000.00 元；已支出：500,000.01 元（超出 0.01 元）");
    expect(text).toContain("1. 招标（计划 2026-05-20，2026-05-18 按期完成）");
    expect(text).toContain("2. 路面硬化（计划 2026-07-31，逾期未完成）");
    expect(text).toContain("2026-05-18 完成招标（支出 500,000.01 元，照片 2 张，文件 1 份）");
    expect(text).toContain("3 笔，合计 400,000.00 元，其中 1 笔存疑");
  });
  it("drops the oldest reports first to stay within the notice limit", () => {
    const many = {
      ...record,
      updates: Array.from({ length: 50 }, (_, i) => ({
        reportedOn: `2026-06-${String((i % 28) + 1).padStart(2, "0")}`,
        text: `第${i + 1}次进展`.padEnd(60, "。"),
        spentFen: 0n,
        photos: 0,
        documents: 0,
      })),
    };
    const text = resultNoticeText(many, "2026-08-01", 1_000);
    expect(Array.from(text).length).toBeLessThanOrEqual(1_000);
    expect(text).toContain("第50次进展");
    expect(text).not.toContain("第1次进展");
    expect(text).toMatch(/最近 \d+ 条，共 50 条/);
  });
});
