import { describe, expect, it } from "vitest";
import { lastFullWeek, mondayOf, WEEKLY_COLUMNS, type WeeklyRow, type WeeklySummary, weeklyCsv, weekOf } from "./townshipWeekly";

describe("the weekly summary's week (China time, Monday to Sunday)", () => {
  it("any day of a week gives its Monday", () => {
    expect(mondayOf("2026-11-30")).toBe("2026-11-30"); // a Monday
    expect(mondayOf("2026-12-03")).toBe("2026-11-30"); // Thursday
    expect(mondayOf("2026-12-06")).toBe("2026-11-30"); // Sunday
    expect(mondayOf("2026-12-07")).toBe("2026-12-07");
    expect(mondayOf("2027-01-01")).toBe("2026-12-28"); // across a year
  });

  it("defaults to the last full week before now, on China's calendar", () => {
    // Thursday 2026-12-03 21:00 UTC is already Friday 2026-12-04 05:00 in China: the last full week is 11-23 to 11-29.
    expect(lastFullWeek(new Date("2026-12-03T21:00:00Z"))).toBe("2026-11-23");
    // Sunday 2026-12-06 15:59 UTC is Sunday 23:59 in China; a minute later it is Monday and 11-30 is the last full week.
    expect(lastFullWeek(new Date("2026-12-06T15:59:00Z"))).toBe("2026-11-23");
    expect(lastFullWeek(new Date("2026-12-06T16:00:00Z"))).toBe("2026-11-30");
    expect(weekOf("not a date", new Date("2026-12-06T16:00:00Z"))).toBe("2026-11-30");
    expect(weekOf("2026-10-15", new Date())).toBe("2026-10-12");
  });
});

describe("the weekly CSV", () => {
  const row = (overrides: Partial<WeeklyRow>): WeeklyRow => ({
    week_start: "2026-11-23",
    village: "平洲村",
    organization: "平洲村",
    level: "red",
    code: "stage_incomplete",
    message: "议题「道路」所涉事项尚处于「动议」阶段",
    rule: "“四议两公开”须依次进行",
    legal_basis: "村民委员会组织法（2025年修正）第二十八条",
    occurred_on: "2026-11-25",
    due_on: "",
    matter_id: "m1",
    matter_title: "道路",
    matter_stage: "raised",
    matter_stage_name: "S0 动议",
    matter_kind: "general",
    matter_kind_name: "一般事项",
    evidence_url: "https://example.org/matters/m1",
    alert_id: "a1",
    ...overrides,
  });
  const summary = (rows: WeeklyRow[]): WeeklySummary => ({
    township: { id: "t", name: "镇" },
    roles: ["reviewer"],
    week: { start: "2026-11-23", end: "2026-11-29", previous: "2026-11-16", next: "2026-11-30" },
    computedAt: "2026-11-29T16:00:00.000Z",
    language: "zh-CN",
    filters: {},
    villages: [],
    rows,
  });

  it("starts with a UTF-8 byte-order mark and the documented header, one CRLF line per row", () => {
    const csv = weeklyCsv(summary([row({}), row({ alert_id: "a2" })]));
    expect(csv.startsWith("\uFEFFweek_start,village,organization,level,code,")).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(WEEKLY_COLUMNS.join(","));
    expect(lines).toHaveLength(4); // header, two rows, and the empty rest after the last CRLF
    expect(lines[3]).toBe("");
  });

  it("quotes commas, quotes and line breaks, and defuses spreadsheet formulas", () => {
    const csv = weeklyCsv(summary([row({ matter_title: '=HYPERLINK("x"),1', message: "第一行\n第二行" })]));
    expect(csv).toContain(`"'=HYPERLINK(""x""),1"`);
    expect(csv).toContain('"第一行\n第二行"');
  });
});
