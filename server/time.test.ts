import { afterEach, describe, expect, it } from "vitest";
import { chinaDateInput, chinaDateTimeInput, chinaDay, chinaDayNumber, chinaDayStart, chinaParts, fromChinaDateTimeInput } from "./time";

describe("China time", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("starts a China day at 16:00 UTC of the day before", () => {
    const lastMoment = new Date("2026-11-30T15:59:59.999Z");
    const firstMoment = new Date("2026-11-30T16:00:00.000Z");
    expect(chinaDateInput(lastMoment)).toBe("2026-11-30");
    expect(chinaDateInput(firstMoment)).toBe("2026-12-01");
    expect(chinaDayNumber(firstMoment) - chinaDayNumber(lastMoment)).toBe(1);
    expect(chinaDay(firstMoment)).toEqual({ start: new Date("2026-11-30T16:00:00.000Z"), end: new Date("2026-12-01T16:00:00.000Z") });
    expect(chinaDay(lastMoment).end).toEqual(firstMoment);
  });

  it("reads a date-only string as midnight in China, and gives it back from that instant", () => {
    const start = chinaDayStart("2026-12-01");
    expect(start.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(chinaDateInput(start)).toBe("2026-12-01");
    expect(chinaDayNumber(start)).toBe(Date.UTC(2026, 11, 1) / 86_400_000);
  });

  it("shows the wall clock a village sees, across the year end and before 1970", () => {
    expect(chinaParts(new Date("2026-12-31T16:30:00Z"))).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 30 });
    expect(chinaDateTimeInput(new Date("2026-12-01T01:30:00Z"))).toBe("2026-12-01T09:30");
    expect(chinaDay(new Date("1969-12-31T20:00:00Z")).start.toISOString()).toBe("1969-12-31T16:00:00.000Z");
  });

  it("takes a datetime-local value as China time and leaves a full timestamp alone", () => {
    expect(fromChinaDateTimeInput("2026-12-01T09:30")).toBe("2026-12-01T09:30:00+08:00");
    expect(new Date(fromChinaDateTimeInput("2026-12-01T09:30")).toISOString()).toBe("2026-12-01T01:30:00.000Z");
    expect(fromChinaDateTimeInput("2026-12-01T09:30:00Z")).toBe("2026-12-01T09:30:00Z");
  });

  it("does not depend on the machine's time zone", () => {
    process.env.TZ = "America/New_York";
    expect(chinaDateTimeInput(new Date("2026-06-30T16:05:00Z"))).toBe("2026-07-01T00:05");
    expect(chinaDayStart("2026-07-01").toISOString()).toBe("2026-06-30T16:00:00.000Z");
  });
});
