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

/** "2026年第2次会议（村民代表会议）" as a meeting is named in messages. */
export function meetingName(m: { number: string; bodyName: string }): { "zh-CN": string; en: string } {
  return { "zh-CN": `${m.bodyName}${m.number}`, en: `${m.bodyName} ${m.number}` };
}
