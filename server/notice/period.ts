/**
 * The notice period of a 公示 (RULES.md §4, §6): how long a decision or an implementation result stays posted and
 * open to residents' objections. Pure: every function takes `now` from its caller.
 *
 * The period runs from the moment of posting for `periodDays` × 24 hours, so the countdown a resident sees on a phone
 * and the end printed on the paper notice are the same instant. Calendar days (for the daily objection cap) are
 * Asia/Shanghai days: China keeps UTC+8 all year.
 */
import { AppError } from "../errors";
import { chinaDay } from "../time";

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** An organization sets its own period (Organization.noticeDays, default 7); Shandong's regulation, e.g., uses 5. */
export const NOTICE_DAYS_MIN = 1;
export const NOTICE_DAYS_MAX = 60;

/**
 * Supervisors answer objections within this many days after the window closes. The law sets no deadline
 * (VCOL 32 only makes the supervision committee responsible); RULES.md §6 asks that the notice state one, so Yishi
 * states this one on every notice.
 */
export const REPLY_DAYS = 7;

export function assertPeriodDays(days: number, field = "periodDays"): void {
  if (!Number.isSafeInteger(days) || days < NOTICE_DAYS_MIN || days > NOTICE_DAYS_MAX) {
    throw new AppError("invalid_input", `the notice period is ${NOTICE_DAYS_MIN} to ${NOTICE_DAYS_MAX} days`, {
      field,
      details: { min: NOTICE_DAYS_MIN, max: NOTICE_DAYS_MAX },
    });
  }
}

export function noticeEndsAt(postedAt: Date, periodDays: number): Date {
  assertPeriodDays(periodDays);
  return new Date(postedAt.getTime() + periodDays * DAY_MS);
}

export function replyDeadline(endsAt: Date): Date {
  return new Date(endsAt.getTime() + REPLY_DAYS * DAY_MS);
}

export type Countdown = { isOpen: boolean; days: number; hours: number; minutes: number };

/** Time left in the window, rounded down; zero once it has closed. */
export function countdown(endsAt: Date, now: Date): Countdown {
  const left = endsAt.getTime() - now.getTime();
  if (left <= 0) return { isOpen: false, days: 0, hours: 0, minutes: 0 };
  return {
    isOpen: true,
    days: Math.floor(left / DAY_MS),
    hours: Math.floor((left % DAY_MS) / HOUR_MS),
    minutes: Math.floor((left % HOUR_MS) / 60_000),
  };
}

/** The Asia/Shanghai calendar day that contains `now`, as [start, end) instants. */
export function shanghaiDay(now: Date): { start: Date; end: Date } {
  return chinaDay(now);
}
