import { describe, expect, it } from "vitest";
import { capStatus, distanceKm, formatYuan, milestoneStatus, parseYuan, photoFindings, SITE_RADIUS_KM } from "./progress";

describe("milestones", () => {
  it("is open on its due date and overdue from the next day when nothing reports it reached", () => {
    expect(milestoneStatus({ dueOn: "2026-06-30", doneOn: null }, "2026-06-29")).toBe("open");
    expect(milestoneStatus({ dueOn: "2026-06-30", doneOn: null }, "2026-06-30")).toBe("open");
    expect(milestoneStatus({ dueOn: "2026-06-30", doneOn: null }, "2026-07-01")).toBe("overdue");
  });
  it("counts a milestone reached on its due date as on time and a day later as late", () => {
    expect(milestoneStatus({ dueOn: "2026-06-30", doneOn: "2026-06-30" }, "2026-12-01")).toBe("done");
    expect(milestoneStatus({ dueOn: "2026-06-30", doneOn: "2026-07-01" }, "2026-12-01")).toBe("done_late");
  });
});

describe("the decided amount as a cap", () => {
  it("accepts spending up to the cap and flags one fen more", () => {
    expect(capStatus(500_000_00n, 500_000_00n)).toMatchObject({ isOver: false, remainingFen: 0n });
    expect(capStatus(500_000_00n, 500_000_01n)).toMatchObject({ isOver: true, remainingFen: -1n });
  });
  it("never flags a decision that named no amount", () => {
    expect(capStatus(null, 9_999_999_99n)).toMatchObject({ isOver: false, remainingFen: null });
  });
});

describe("amounts", () => {
  it("reads amounts as clerks write them and refuses what is not money", () => {
    expect(parseYuan("12,345.6")).toBe(1_234_560n);
    expect(parseYuan("￥3000元")).toBe(300_000n);
    expect(parseYuan("１２３")).toBe(12_300n);
    expect(parseYuan("0.01")).toBe(1n);
    expect(parseYuan("1.234")).toBeNull();
    expect(parseYuan("-5")).toBeNull();
    expect(parseYuan("abc")).toBeNull();
    expect(parseYuan("1000000000.00")).toBe(100_000_000_000n);
    expect(parseYuan("1000000000.01")).toBeNull();
  });
  it("prints fen as grouped yuan", () => {
    expect(formatYuan(1_234_560n)).toBe("12,345.60");
    expect(formatYuan(5n)).toBe("0.05");
  });
});

describe("a photo against the project", () => {
  const plan = { startsOn: "2026-05-01", endsOn: "2026-08-31", site: { lat: 30.0, lon: 120.0 } };
  it("accepts photos taken on the first and the last day of the period and flags the days outside", () => {
    const at = (takenOn: string) => photoFindings({ takenOn, place: plan.site }, plan);
    expect(at("2026-05-01")).toEqual([]);
    expect(at("2026-08-31")).toEqual([]);
    expect(at("2026-04-30")).toEqual(["before_period"]);
    expect(at("2026-09-01")).toEqual(["after_period"]);
  });
  it("flags a photo taken further from the site than the radius, and one with no place or time", () => {
    const near = { lat: 30.0 + (SITE_RADIUS_KM - 0.1) / 111.2, lon: 120.0 };
    const far = { lat: 30.0 + (SITE_RADIUS_KM + 0.1) / 111.2, lon: 120.0 };
    expect(distanceKm(plan.site, near)).toBeLessThan(SITE_RADIUS_KM);
    expect(photoFindings({ takenOn: "2026-06-01", place: near }, plan)).toEqual([]);
    expect(photoFindings({ takenOn: "2026-06-01", place: far }, plan)).toEqual(["far_from_site"]);
    expect(photoFindings({ takenOn: null, place: null }, plan)).toEqual(["no_time", "no_place"]);
    expect(photoFindings({ takenOn: "2026-06-01", place: null }, { ...plan, site: null })).toEqual([]);
  });
});
