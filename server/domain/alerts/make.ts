/** Building an alert: its id from its subject, its dates as China calendar days. Pure. */
import { shanghaiDate } from "../rules";
import type { Alert, AlertCode, AlertSubject } from "./types";

const DAY_MS = 86_400_000;

export function makeAlert(fields: Omit<Alert, "id" | "occurredOn" | "dueOn"> & { occurredAt: Date; dueAt?: Date }): Alert {
  const { occurredAt, dueAt, ...rest } = fields;
  const alert: Alert = { id: alertId(rest.code, rest.subject), ...rest, occurredOn: shanghaiDate(occurredAt) };
  if (dueAt) alert.dueOn = shanghaiDate(dueAt);
  return alert;
}

export function alertId(code: AlertCode, subject: AlertSubject): string {
  const parts = [subject.matterId, subject.meetingId, subject.motionId, subject.noticeId, subject.objectionId, subject.householdId, subject.fileId].filter(
    Boolean,
  );
  return [code, subject.orgId, ...parts].join(":");
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** Whole days between two instants, rounded down (a duty due in 7 days is late from the 7th 24 hours on). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** The next midnight in China (UTC+8, no daylight saving) after `at`. */
export function nextChinaMidnight(at: Date): Date {
  const offset = 8 * 3_600_000;
  return new Date(Math.floor((at.getTime() + offset) / DAY_MS + 1) * DAY_MS - offset);
}

/** "2026年第2次会议（村民代表会议）" as a meeting is named in messages. */
export function meetingName(m: { number: string; bodyName: string }): { "zh-CN": string; en: string } {
  return { "zh-CN": `${m.bodyName}${m.number}`, en: `${m.bodyName} ${m.number}` };
}

/**
 * The moment alerts are computed for, and the earliest later moment at which they could read differently (a
 * deadline passing, a meeting entering the look-ahead window): the stored alerts (server/queries/alertStore.ts) are
 * recomputed then, and not before, unless the village records something. Rules ask `reached(deadline)` instead of
 * comparing with `now`, so no deadline can be missed.
 */
export class AlertClock {
  private next = Number.POSITIVE_INFINITY;
  constructor(readonly now: Date) {}

  /** Whether `at` has come (now ≥ at); a moment still to come is remembered as a change. */
  reached(at: Date): boolean {
    if (at.getTime() <= this.now.getTime()) return true;
    this.watch(at);
    return false;
  }

  /** Remember a moment after which the alerts may read differently. */
  watch(at: Date): void {
    const t = at.getTime();
    if (t > this.now.getTime() && t < this.next) this.next = t;
  }

  /** The earliest remembered moment, or null when nothing will change with time alone. */
  get changesAt(): Date | null {
    return Number.isFinite(this.next) ? new Date(this.next) : null;
  }
}
