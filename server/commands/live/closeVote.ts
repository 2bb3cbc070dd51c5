import { z } from "zod";
import { appendAudit } from "../../audit/append";
import {
  CHOICES,
  type Choice,
  decideMotion,
  type MotionResult,
  nextVoteState,
  sortedTrackers,
  type Tally,
  tallyNamed,
  tallySecret,
} from "../../domain/meeting";
import { MATTER_KINDS } from "../../domain/rules";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand, type Tx } from "../run";
import { bumpVersion, charterOf, loadMeetingContext, requireLiveRole } from "./context";
import { lockMotion, type MotionRecord, requireMatterUnchanged } from "./motion";
import { meetingDay } from "./procedureWarnings";
import { closeBallots, lockBallotsForClose } from "./voteRows";

const schema = z.strictObject({ meetingId: z.string().min(1), motionId: z.string().min(1) });

const choiceSchema = z.enum(CHOICES);

/**
 * 结束表决. Atomic and idempotent: the tally is computed from the ballot rows once, under the motion's row lock,
 * stored, and every later close returns the same result; a vote arriving after this commits is refused.
 */
export function closeVote(input: unknown, actor: Actor): Promise<{ version: number; result: MotionResult; orgId: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    // A secret vote's close rewrites the ballot table (voteRows.ts): its lock before the motion's row lock.
    const method = (await tx.motion.findUnique({ where: { id: data.motionId }, select: { method: true } }))?.method;
    if (method === "secret") await lockBallotsForClose(tx);
    const motion = await lockMotion(tx, data.motionId, ctx.meeting.id);
    if (motion.state === "closed" || motion.state === "announced") {
      return { version: ctx.meeting.version, result: motion.result as MotionResult, orgId: ctx.meeting.orgId };
    }
    const state = nextVoteState(motion.state as "open", "close");
    await requireMatterUnchanged(tx, motion);
    const { tally, trackers } = await countVotes(tx, motion);
    // Decided by the rule everyone was shown at opening: its charter and the law of the meeting's day.
    const decision = decideMotion({
      bodyKind: ctx.body.kind,
      matterKind: z.enum(MATTER_KINDS).parse(motion.matterKind),
      charter: motion.rule?.charter ?? charterOf(ctx),
      on: motion.rule?.onDate ?? meetingDay(ctx),
      expected: motion.expected,
      present: motion.present,
      recusedCount: motion.recusedCount,
      tally,
      entitledCount: motion.entitled.voters.length,
    });
    if (motion.rule && motion.rule.yesRequired !== decision.yesRequired) {
      // Same counts, charter and day as at opening: a different number would be a bug, never a silent change.
      throw new AppError("internal", "the result's threshold differs from the rule announced at opening", {
        details: { announced: motion.rule.yesRequired, decided: decision.yesRequired },
      });
    }
    const result: MotionResult = {
      tally: decision.tally,
      entitledCount: decision.entitledCount,
      notVoted: decision.notVoted,
      recusedCount: motion.recusedCount,
      competent: decision.competent,
      quorumMet: decision.quorumMet,
      quorumRequired: decision.quorumRequired,
      passed: decision.passed,
      yesRequired: decision.yesRequired,
      legalBasis: decision.legalBasis,
      editions: decision.editions.map((e) => e.id),
      explanation: decision.explanation,
      ...(trackers ? { trackers } : {}),
    };
    const now = new Date();
    await tx.motion.update({ where: { id: motion.id }, data: { state, closedAt: now, result } });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "vote.closed",
      object: { type: "motion", id: motion.id },
      data: { method: motion.method, ...result },
      now,
    });
    afterCommit(tx, { type: "vote.closed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id, motionId: motion.id });
    return { version: await bumpVersion(tx, ctx.meeting.id), result, orgId: ctx.meeting.orgId };
  });
}

/** Tallies come from the ballot rows (or the confirmed totals), never from counters kept on the side. */
async function countVotes(tx: Tx, motion: MotionRecord): Promise<{ tally: Tally; trackers?: string[] }> {
  switch (motion.method) {
    case "named":
    case "hands_named": {
      const rows = await tx.voteRecord.findMany({ where: { motionId: motion.id }, select: { voterPersonId: true, choice: true } });
      return {
        tally: tallyNamed(
          rows.map((r) => ({ voterPersonId: r.voterPersonId, choice: choiceSchema.parse(r.choice) as Choice })),
          motion.entitled.voters,
        ),
      };
    }
    case "secret": {
      // Moved in this one transaction, in random order with new ids, out of the open table (emptied into new files):
      // what the rows said about when and in which batch each was cast (transaction ids, places on disk) is gone.
      const ballots = await closeBallots(tx, motion.id);
      return { tally: tallySecret(ballots.map((b) => ({ choice: choiceSchema.parse(b.choice) }))), trackers: sortedTrackers(ballots) };
    }
    default: {
      const totals = motion.enteredTotals;
      if (!totals) throw new AppError("conflict", "the totals have not been entered", { field: "enteredTotals" });
      if (motion.method === "paper" && !totals.confirmedBy)
        throw new AppError("conflict", "the scrutineers have not confirmed the count", { field: "enteredTotals" });
      return { tally: { yes: totals.yes, no: totals.no, abstain: totals.abstain, cast: totals.yes + totals.no + totals.abstain } };
    }
  }
}
