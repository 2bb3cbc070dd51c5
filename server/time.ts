/**
 * China time, in one place. Asia/Shanghai keeps UTC+8 all year (no daylight saving since 1991), so a fixed offset is
 * exact; integer arithmetic keeps every result independent of the machine's time zone and ICU data, which matters
 * because the minutes' canonical text is hashed (server/minutes/format.ts). Every calendar day in Yishi — notice
 * periods, the daily objection cap, date filters, date inputs — is a day in China.
 */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The IANA name, for Intl formatters that print China time (the same clock as the arithmetic here). */
export const CHINA_TIME_ZONE = "Asia/Shanghai";
export const DAY_MS = 86_400_000;

export type ChinaParts = { year: number; month: number; day: number; hour: number; minute: number };

const msOf = (instant: Date | number): number => (typeof instant === "number" ? instant : instant.getTime());

/** A UTC date whose fields are China's wall clock at the instant (read it with getUTC* only). */
const wallClock = (instant: Date | number): Date => new Date(msOf(instant) + CHINA_OFFSET_MS);

/** Year, month (1–12), day, hour and minute in China at the instant. */
export function chinaParts(instant: Date | number): ChinaParts {
  const clock = wallClock(instant);
  return { year: clock.getUTCFullYear(), month: clock.getUTCMonth() + 1, day: clock.getUTCDate(), hour: clock.getUTCHours(), minute: clock.getUTCMinutes() };
}

/** Whole days since 1970-01-01 of the China calendar date that contains the instant. */
export function chinaDayNumber(instant: Date | number): number {
  return Math.floor((msOf(instant) + CHINA_OFFSET_MS) / DAY_MS);
}

/** The China calendar day that contains the instant, as [start, end) instants (a day starts at 16:00 UTC). */
export function chinaDay(instant: Date | number): { start: Date; end: Date } {
  const start = chinaDayNumber(instant) * DAY_MS - CHINA_OFFSET_MS;
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

/** `YYYY-MM-DD` (a date input, a stored date) → the instant that day begins in China. */
export function chinaDayStart(date: string): Date {
  return chinaInstant(date, "00:00");
}

/** `YYYY-MM-DD` and `HH:MM` on China's clock → the instant (a date written on paper, a time of day on it). */
export function chinaInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** The China date of an instant as a date input shows it: `2026-12-01`. */
export function chinaDateInput(instant: Date | number): string {
  return wallClock(instant).toISOString().slice(0, 10);
}

/** The China wall clock of an instant as a datetime-local input shows it: `2026-12-01T09:30`. */
export function chinaDateTimeInput(instant: Date | number): string {
  return wallClock(instant).toISOString().slice(0, 16);
}

/** A datetime-local value (`2026-12-01T09:30`, China time) as an ISO timestamp with its offset; anything else as given. */
export function fromChinaDateTimeInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;
}
