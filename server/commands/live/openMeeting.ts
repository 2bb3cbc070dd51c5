import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { checkAtOpening } from "../../domain/matter";
import { nextMeetingState } from "../../domain/meeting";
import { MATTER_KINDS } from "../../domain/rules";
import { firstNoticeDelivery } from "../../notify/evidence";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireLiveRole } from "./context";
import { appendProcedureWarnings } from "./procedureWarnings";

const schema = z.strictObject({ meetingId: z.string().min(1) });

/**
 * The chair opens the meeting (宣布开会): scheduled → in session. What the law's procedure implies is checked now
 * and recorded with the meeting as warnings (issue #16): held on another day than announced, notice too short, a
 * matter on the agenda that this body may not decide.
 */
export function openMeeting(input: unknown, actor: Actor): Promise<{ version: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    const state = nextMeetingState(ctx.meeting.state, "open");
    const now = new Date();
    await tx.meeting.update({ where: { id: ctx.meeting.id }, data: { state, openedAt: now } });
    const details = await tx.meeting.findUniqueOrThrow({
      where: { id: ctx.meeting.id },
      select: { noticeDate: true, agenda: { orderBy: { position: "asc" }, select: { id: true, title: true, matter: { select: { kind: true } } } } },
    });
    // The notice log is the evidence of the notice period; a date the clerk typed counts only where no delivery is logged.
    const delivered = await firstNoticeDelivery(tx, ctx.meeting.id);
    const kinds = z.enum(MATTER_KINDS);
    const warnings = checkAtOpening({
      body: ctx.body.kind,
      announced: ctx.meeting.startsAt,
      openedAt: now,
      noticeDate: delivered ?? details.noticeDate,
      ...(ctx.body.charter.noticeDays !== undefined ? { charterNoticeDays: ctx.body.charter.noticeDays } : {}),
      matters: details.agenda.flatMap((item) => {
        const kind = kinds.safeParse(item.matter?.kind);
        return kind.success ? [{ itemTitle: item.title, kind: kind.data }] : [];
      }),
    });
    const recorded = await appendProcedureWarnings(tx, ctx, warnings, {}, now);
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "meeting.opened",
      object: { type: "meeting", id: ctx.meeting.id },
      data: { openedAt: now.toISOString(), ...(recorded.length > 0 ? { procedureWarnings: recorded } : {}) },
      now,
    });
    afterCommit(tx, { type: "meeting.opened", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id) };
  });
}
