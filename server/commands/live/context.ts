/**
 * The live-meeting commands' toolkit: the meeting as loaded for a decision (server/db/load/meetingContext.ts), the
 * live roles that authorize a command (server/auth/liveRoles.ts), the charter's decision settings (a domain rule),
 * and the two checks only commands need — a meeting in session, and its version bumped with every change.
 */

import type { MeetingContext } from "../../db/load/meetingContext";
import { AppError } from "../../errors";
import type { Tx } from "../run";

export { type LiveRole, liveRolesOf, requireLiveRole } from "../../auth/liveRoles";
export { loadMeetingContext, type MeetingContext } from "../../db/load/meetingContext";
export { charterOf } from "../../domain/rules";

/** Every state change of a meeting bumps its version in the same transaction; broadcasts carry it. */
export async function bumpVersion(tx: Tx, meetingId: string): Promise<number> {
  const updated = await tx.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } }, select: { version: true } });
  return updated.version;
}

export function requireInSession(ctx: MeetingContext): void {
  if (ctx.meeting.state !== "in_session") throw new AppError("conflict", "the meeting is not in session", { field: "state" });
}
