/**
 * Procedure warnings (issue #16) as they stay on a meeting's record: the rules engine's warning, with when it was
 * given and on which item or motion. Pure: reading the stored list back, and which day's law a meeting follows.
 */
import { z } from "zod";
import type { RuleWarning } from "../rules";

/** A procedure warning as recorded with the meeting (issue #16): when, and on which item or motion. */
export type ProcedureWarning = RuleWarning & { at: string; itemId?: string; motionId?: string };

const localized = z.object({ "zh-CN": z.string(), en: z.string() });
const warningSchema = z.object({
  code: z.string(),
  legalBasis: z.string(),
  message: localized,
  at: z.string(),
  itemId: z.string().optional(),
  motionId: z.string().optional(),
});

/** The recorded warnings of a meeting; a malformed entry is dropped rather than shown half. */
export function procedureWarningsOf(value: unknown): ProcedureWarning[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const parsed = warningSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The day the meeting is held: the day it opened, else the day announced. The law of that day applies. */
export function meetingDay(source: { meeting: { openedAt: Date | null; startsAt: Date } }): Date {
  return source.meeting.openedAt ?? source.meeting.startsAt;
}
