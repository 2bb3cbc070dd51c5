import { z } from "zod";
import type { RuleWarning } from "../../domain/rules";
import type { Tx } from "../run";
import type { MeetingContext } from "./context";

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

/**
 * Adds warnings to the meeting's record, in the caller's transaction (the caller's audit entry carries them too).
 * Recorded warnings are never removed: they are part of what happened.
 */
export async function appendProcedureWarnings(
  tx: Tx,
  ctx: MeetingContext,
  warnings: RuleWarning[],
  where: { itemId?: string; motionId?: string },
  now: Date,
): Promise<ProcedureWarning[]> {
  if (warnings.length === 0) return [];
  const row = await tx.meeting.findUniqueOrThrow({ where: { id: ctx.meeting.id }, select: { procedureWarnings: true } });
  const added = warnings.map((w): ProcedureWarning => ({ ...w, at: now.toISOString(), ...where }));
  await tx.meeting.update({ where: { id: ctx.meeting.id }, data: { procedureWarnings: [...procedureWarningsOf(row.procedureWarnings), ...added] } });
  return added;
}

/** The day the meeting is held: the day it opened, else the day announced. The law of that day applies. */
export function meetingDay(ctx: MeetingContext): Date {
  return ctx.meeting.openedAt ?? ctx.meeting.startsAt;
}
