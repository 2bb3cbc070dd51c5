import { type ProcedureWarning, procedureWarningsOf } from "../../domain/meeting";
import type { RuleWarning } from "../../domain/rules";
import type { Tx } from "../run";
import type { MeetingContext } from "./context";

/** Reading recorded warnings and the meeting's day are pure rules (server/domain/meeting/procedureWarnings.ts). */
export { meetingDay, type ProcedureWarning, procedureWarningsOf } from "../../domain/meeting";

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
