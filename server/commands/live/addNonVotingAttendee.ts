import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireLiveRole } from "./context";

const schema = z.strictObject({
  meetingId: z.string().min(1),
  name: z.string().trim().min(1).max(40),
  affiliation: z.string().trim().max(60).optional(),
});

/** 列席: the chair records someone who attends without a vote (township staff, supervisors, villagers concerned). */
export function addNonVotingAttendee(input: unknown, actor: Actor): Promise<{ version: number; id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    if (!["scheduled", "in_session"].includes(ctx.meeting.state)) throw new AppError("conflict", "the meeting is not open for attendance", { field: "state" });
    const row = await tx.nonVotingAttendee.create({ data: { meetingId: ctx.meeting.id, name: data.name, affiliation: data.affiliation ?? null } });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "attendance.recorded",
      object: { type: "non_voting_attendee", id: row.id },
      data: { status: "non_voting", name: data.name, affiliation: data.affiliation ?? null },
    });
    afterCommit(tx, { type: "attendance.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id), id: row.id };
  });
}
