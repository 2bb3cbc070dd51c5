import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { townshipOf } from "../../auth/permissions";
import { TOWNSHIP_REVIEWER_TITLE } from "../../domain/township/participation";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { bumpVersion, loadMeetingContext, requireLiveRole } from "../live/context";
import { afterCommit, runCommand } from "../run";

const schema = z.strictObject({
  meetingId: z.string().min(1).max(64),
  /** One of the reviewers (镇街工作人员) of the township above the meeting's organization. */
  accountId: z.string().min(1).max(64),
});

/**
 * 列席 with title (issue #20): the chair or the recorder records that a reviewer of the township above attends the
 * meeting without a vote. The row keeps the reviewer's account and the title their role gives (镇街工作人员), so the
 * live page and the minutes name them, and so that they, and only they, may later sign the minutes as a witness.
 */
export function addTownshipAttendee(input: unknown, actor: Actor): Promise<{ version: number; id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    // Read before the live role confines the transaction to the village: the township's grants are its own rows.
    const above = await townshipOf(tx, ctx.meeting.orgId);
    const township = above ? await tx.organization.findUnique({ where: { id: above.townshipId }, select: { id: true, name: true } }) : null;
    const reviewer = township
      ? await tx.account.findFirst({
          where: { id: data.accountId, disabled: false, roles: { some: { orgId: township.id, role: "reviewer" } } },
          select: { id: true, displayName: true },
        })
      : null;
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair", "recorder"]);
    if (!township || !reviewer) {
      throw new AppError("invalid_input", "not a reviewer of this village's township", { field: "accountId", details: { reason: "not_township_reviewer" } });
    }
    if (!["scheduled", "in_session"].includes(ctx.meeting.state)) throw new AppError("conflict", "the meeting is not open for attendance", { field: "state" });
    const already = await tx.nonVotingAttendee.findFirst({ where: { meetingId: ctx.meeting.id, accountId: reviewer.id }, select: { id: true } });
    if (already) throw new AppError("conflict", "already recorded as attending", { field: "accountId", details: { reason: "already_attending" } });
    const row = await tx.nonVotingAttendee.create({
      data: { meetingId: ctx.meeting.id, name: reviewer.displayName, affiliation: township.name, title: TOWNSHIP_REVIEWER_TITLE, accountId: reviewer.id },
    });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "attendance.township_recorded",
      object: { type: "non_voting_attendee", id: row.id },
      data: { status: "non_voting", name: reviewer.displayName, affiliation: township.name, title: TOWNSHIP_REVIEWER_TITLE, accountId: reviewer.id },
    });
    afterCommit(tx, { type: "attendance.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id), id: row.id };
  });
}
