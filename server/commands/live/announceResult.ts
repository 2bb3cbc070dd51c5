import { z } from "zod";
import { appendAudit } from "../../audit/append";
import type { MotionResult } from "../../domain/meeting";
import { nextVoteState } from "../../domain/meeting";
import type { Actor } from "../actor";
import { certifyDecision } from "../matter/certifyDecision";
import { moveMatterOnVote } from "../matter/moveMatterOnVote";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireLiveRole } from "./context";
import { lockMotion, requireMatterUnchanged } from "./motion";

const schema = z.strictObject({ meetingId: z.string().min(1), motionId: z.string().min(1) });

/** 宣布结果: the chair announces the closed vote's result; only now do the projector and observers see it. */
export function announceResult(input: unknown, actor: Actor): Promise<{ version: number; result: MotionResult; matter: unknown }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    const motion = await lockMotion(tx, data.motionId, ctx.meeting.id);
    const result = motion.result as MotionResult;
    if (motion.state === "announced") return { version: ctx.meeting.version, result, matter: null };
    const state = nextVoteState(motion.state as "closed", "announce");
    await requireMatterUnchanged(tx, motion);
    const now = new Date();
    await tx.motion.update({ where: { id: motion.id }, data: { state, announcedAt: now } });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "vote.result",
      object: { type: "motion", id: motion.id },
      data: {
        text: motion.text,
        matterKind: motion.matterKind,
        passed: result.passed,
        yes: result.tally.yes,
        no: result.tally.no,
        abstain: result.tally.abstain,
        legalBasis: result.legalBasis,
        explanation: result.explanation,
      },
      now,
    });
    // The item's matter moves along 四议两公开 with the announced result, in the same transaction (RULES.md §4).
    const item = await tx.agendaItem.findUnique({ where: { id: motion.itemId }, select: { matterId: true } });
    // A passed decision on a matter gets its certificate (short ID, QR code, /c/<code>) with the announcement.
    if (result.passed && item?.matterId) await certifyDecision(tx, { matterId: item.matterId, motionId: motion.id, actor: auditActor, now });
    const matter = item?.matterId
      ? await moveMatterOnVote(tx, {
          matterId: item.matterId,
          meetingId: ctx.meeting.id,
          motionId: motion.id,
          bodyKind: ctx.body.kind,
          passed: result.passed,
          quorumMet: result.quorumMet,
          actor: auditActor,
        })
      : null;
    afterCommit(tx, { type: "vote.announced", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id, motionId: motion.id });
    return { version: await bumpVersion(tx, ctx.meeting.id), result, matter };
  });
}
