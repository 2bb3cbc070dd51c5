import { z } from "zod";
import { appendAudit, appendAuditMany } from "../../audit/append";
import { assertMayCast, CHOICES, validateEnteredTotals } from "../../domain/meeting";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { bumpVersion, loadMeetingContext, requireLiveRole } from "./context";
import { lockMotion } from "./motion";

const totals = { yes: z.number().int().min(0), no: z.number().int().min(0), abstain: z.number().int().min(0) };
const schema = z.discriminatedUnion("kind", [
  // 举手表决, recorded by name: the chair enters each member's raised hand.
  z.strictObject({
    meetingId: z.string().min(1),
    motionId: z.string().min(1),
    kind: z.literal("hands_named"),
    votes: z
      .array(z.strictObject({ voterPersonId: z.string().min(1), choice: z.enum(CHOICES) }))
      .min(1)
      .max(5000),
  }),
  // 举手表决, totals only, entered by the chair; or paper ballot totals entered by a counter (计票人).
  z.strictObject({ meetingId: z.string().min(1), motionId: z.string().min(1), kind: z.literal("totals"), ...totals }),
  // A scrutineer (监票人) confirms the counters' paper totals.
  z.strictObject({ meetingId: z.string().min(1), motionId: z.string().min(1), kind: z.literal("confirm") }),
]);

/** Counts that are not cast on phones: a show of hands (by name or totals) and paper ballot totals. */
export function recordTotals(input: unknown, actor: Actor): Promise<{ version: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const motion = await lockMotion(tx, data.motionId, ctx.meeting.id);
    if (motion.state !== "open") throw new AppError("vote_closed", "the vote is not open", { field: "motionId" });
    const base = { orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id, object: { type: "motion", id: motion.id } };

    if (data.kind === "hands_named") {
      if (motion.method !== "hands_named") throw new AppError("invalid_input", "not a show of hands by name", { field: "kind" });
      const { auditActor, personId } = await requireLiveRole(tx, actor, ctx, ["chair"]);
      for (const vote of data.votes)
        assertMayCast(motion.entitled, { voterPersonId: vote.voterPersonId, castByPersonId: entitledCaster(motion.entitled, vote.voterPersonId) });
      for (const vote of data.votes) {
        await tx.voteRecord.upsert({
          where: { motionId_voterPersonId: { motionId: motion.id, voterPersonId: vote.voterPersonId } },
          create: {
            motionId: motion.id,
            voterPersonId: vote.voterPersonId,
            castByPersonId: personId ?? "chair",
            choice: vote.choice,
            clientId: `hands:${motion.id}:${vote.voterPersonId}`,
          },
          update: { choice: vote.choice, updatedAt: new Date() },
        });
      }
      await appendAuditMany(
        tx,
        data.votes.map((vote) => ({
          ...base,
          actor: auditActor,
          action: "vote.cast" as const,
          data: { voterPersonId: vote.voterPersonId, choice: vote.choice, method: "hands_named" },
        })),
      );
      afterCommit(tx, { type: "meeting.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
      return { version: await bumpVersion(tx, ctx.meeting.id) };
    }

    if (motion.method !== "hands_totals" && motion.method !== "paper")
      throw new AppError("invalid_input", "this vote has no totals to enter", { field: "kind" });
    if (data.kind === "totals") {
      const { auditActor, personId } =
        motion.method === "paper" ? await requireCounter(tx, actor, ctx, motion.counters) : await requireLiveRole(tx, actor, ctx, ["chair"]);
      const tally = validateEnteredTotals({ yes: data.yes, no: data.no, abstain: data.abstain, entitledCount: motion.entitled.voters.length });
      const entered = {
        yes: tally.yes,
        no: tally.no,
        abstain: tally.abstain,
        enteredBy: personId ?? "system",
        confirmedBy: motion.method === "paper" ? null : (personId ?? "system"),
      };
      await tx.motion.update({ where: { id: motion.id }, data: { enteredTotals: entered } });
      await appendAudit(tx, {
        ...base,
        actor: auditActor,
        action: "vote.totals_entered",
        data: { method: motion.method, yes: tally.yes, no: tally.no, abstain: tally.abstain },
      });
      afterCommit(tx, { type: "meeting.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
      return { version: await bumpVersion(tx, ctx.meeting.id) };
    }

    if (motion.method !== "paper") throw new AppError("invalid_input", "only paper totals are confirmed by scrutineers", { field: "kind" });
    const { auditActor, personId } = await requireCounter(tx, actor, ctx, motion.scrutineers);
    if (!motion.enteredTotals) throw new AppError("conflict", "the counters have not entered the totals yet", { field: "kind" });
    await tx.motion.update({ where: { id: motion.id }, data: { enteredTotals: { ...motion.enteredTotals, confirmedBy: personId } } });
    await appendAudit(tx, { ...base, actor: auditActor, action: "vote.totals_confirmed", data: { ...motion.enteredTotals, confirmedBy: personId } });
    afterCommit(tx, { type: "meeting.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
    return { version: await bumpVersion(tx, ctx.meeting.id) };
  });
}

function entitledCaster(frozen: { voters: { voterPersonId: string; castByPersonId: string }[] }, voterPersonId: string): string {
  return frozen.voters.find((v) => v.voterPersonId === voterPersonId)?.castByPersonId ?? voterPersonId;
}

/** Counters and scrutineers are named when the paper vote opens; only they may enter or confirm its totals. */
async function requireCounter(
  tx: Parameters<typeof loadMeetingContext>[0],
  actor: Actor,
  _ctx: Awaited<ReturnType<typeof loadMeetingContext>>,
  allowed: string[],
) {
  if (actor.kind === "system") return { auditActor: null, personId: allowed[0] ?? null };
  const account = await tx.account.findUnique({ where: { id: actor.accountId }, select: { personId: true } });
  if (!account?.personId || !allowed.includes(account.personId)) throw new AppError("forbidden", "not a counter or scrutineer of this vote");
  return { auditActor: { id: actor.accountId, role: "counter", name: actor.name }, personId: account.personId };
}
