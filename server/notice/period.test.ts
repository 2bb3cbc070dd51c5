import { describe, expect, it } from "vitest";
import { countdown, noticeEndsAt, replyDeadline, shanghaiDay } from "./period";

describe("notice period", () => {
  it("ends the period exactly periodDays × 24 hours after posting", () => {
    const posted = new Date("2026-11-27T02:00:00Z");
    expect(noticeEndsAt(posted, 7).toISOString()).toBe("2026-12-04T02:00:00.000Z");
    expect(replyDeadline(noticeEndsAt(posted, 7)).toISOString()).toBe("2026-12-11T02:00:00.000Z");
  });

  it("refuses periods outside 1–60 days, naming the field", () => {
    for (const days of [0, 61, 1.5, -3]) {
      expect(() => noticeEndsAt(new Date(), days)).toThrow(expect.objectContaining({ code: "invalid_input", field: "periodDays" }));
    }
  });

  it.each([
    ["2026-11-27T02:00:00Z", { isOpen: true, days: 7, hours: 0, minutes: 0 }],
    ["2026-11-30T20:30:00Z", { isOpen: true, days: 3, hours: 5, minutes: 30 }],
    ["2026-12-04T01:59:00Z", { isOpen: true, days: 0, hours: 0, minutes: 1 }],
    ["2026-12-04T02:00:00Z", { isOpen: false, days: 0, hours: 0, minutes: 0 }],
  ])("counts down to the end at %s", (now, expected) => {
    expect(countdown(new Date("2026-12-04T02:00:00Z"), new Date(now))).toEqual(expected);
  });

  it("takes calendar days in Asia/Shanghai, not UTC", () => {
    // 23:30 on 27 November in Shanghai is still 15:30 UTC of the same day; 00:30 on the 28th is 16:30 UTC on the 27th.
    expect(shanghaiDay(new Date("2026-11-27T15:30:00Z")).start.toISOString()).toBe("2026-11-26T16:00:00.000Z");
    expect(shanghaiDay(new Date("2026-11-27T16:30:00Z")).start.toISOString()).toBe("2026-11-27T16:00:00.000Z");
    expect(shanghaiDay(new Date("2026-11-27T16:30:00Z")).end.toISOString()).toBe("2026-11-28T16:00:00.000Z");
  });
});
