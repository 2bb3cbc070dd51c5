/**
 * Notice-period check: was the meeting announced early enough? Pure — both dates are passed in.
 *
 * Days are counted by calendar date in China (Asia/Shanghai, UTC+8 all year, no daylight saving):
 * - "YYYY-MM-DD" is taken as that calendar date;
 * - a timestamp must carry "Z" or an offset (a bare local time is ambiguous and refused); it, or a Date, is
 *   converted to its calendar date in Asia/Shanghai.
 * "提前十天通知" / "于会议召开十日前通知" is read as meetingDate − noticeDate ≥ 10 calendar days: the notice day
 * counts, the meeting day does not (notice on the 1st → a meeting on the 11th or later).
 */
import { AppError } from "../../errors";
import { chinaDayNumber } from "../../time";
import { type Citation, citationText, cite } from "./citations";
import type { BodyKind, RuleWarning } from "./types";
import { assertBodyKind } from "./validate";

export type NoticeInput = {
  body: BodyKind;
  /** When notice was given; null when none was recorded. */
  noticeDate: string | Date | null;
  meetingDate: string | Date;
  /** Days of notice the body's charter requires (章程); only a longer period than the law's changes anything. */
  charterDays?: number;
};

/** Minimum notice in days, where the law sets one. */
export const NOTICE_DAYS: Partial<Record<BodyKind, { days: number; basis: Citation }>> = {
  // VCOL 21: 召集村民会议，应当提前十天通知村民.
  "villagers-assembly": { days: 10, basis: cite("VCOL", 21) },
  // RCEOL 27: 于会议召开十日前通知全体成员 (time, place and the matters to be decided).
  "members-assembly": { days: 10, basis: cite("RCEOL", 27) },
};

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The calendar day (days since 1970-01-01) of a date input, in Asia/Shanghai. */
export function shanghaiDayNumber(value: string | Date, field: string): number {
  const invalid = (): never => {
    throw new AppError("invalid_input", `${field} is not a valid date`, { field, details: { value: String(value) } });
  };
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? invalid() : chinaDayNumber(ms);
  }
  if (typeof value !== "string") return invalid();
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly !== null) {
    const [y, m, d] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    const ms = Date.UTC(y, m - 1, d);
    const back = new Date(ms);
    // Refuse dates that do not exist (2025-02-30), which Date.UTC would roll over.
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) invalid();
    return ms / DAY_MS;
  }
  if (!TIMESTAMP.test(value)) return invalid();
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? invalid() : chinaDayNumber(ms);
}

/** The notice the meeting needs: the law's, or the charter's where it asks for more (or the law sets none). */
export function requiredNotice(body: BodyKind, charterDays?: number): { days: number; basis: Citation } | undefined {
  const law = NOTICE_DAYS[body];
  if (charterDays !== undefined && charterDays > (law?.days ?? 0)) return { days: charterDays, basis: cite("charter") };
  return law;
}

export function checkNoticePeriod(input: NoticeInput): RuleWarning[] {
  assertBodyKind(input.body);
  const meetingDay = shanghaiDayNumber(input.meetingDate, "meetingDate");
  const rule = requiredNotice(input.body, input.charterDays);
  // Cited in the edition in force on the meeting's day (issue #16).
  const basisText = (basis: Citation) => citationText(basis, new Date(meetingDay * DAY_MS).toISOString().slice(0, 10));
  if (input.noticeDate === null) {
    if (rule === undefined) return [];
    return [
      {
        code: "notice_missing",
        legalBasis: basisText(rule.basis),
        message: {
          "zh-CN": `未记录通知日期；应当在会议召开${rule.days}日前通知。`,
          en: `No notice date recorded: notice is due ${rule.days} days before the meeting.`,
        },
      },
    ];
  }
  const noticeDay = shanghaiDayNumber(input.noticeDate, "noticeDate");
  if (meetingDay < noticeDay) {
    throw new AppError("invalid_input", "the meeting is dated before its notice", { field: "meetingDate" });
  }
  if (rule === undefined) return [];
  const days = meetingDay - noticeDay;
  if (days >= rule.days) return [];
  return [
    {
      code: "notice_too_short",
      legalBasis: basisText(rule.basis),
      message: {
        "zh-CN": `通知后${days}日即开会；应当在会议召开${rule.days}日前通知。`,
        en: `The meeting is ${days} days after the notice: notice is due ${rule.days} days before.`,
      },
    },
  ];
}
