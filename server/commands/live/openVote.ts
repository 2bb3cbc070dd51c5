import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { freezeEntitledVoters, nextVoteState, summarizeAttendance } from "../../domain/meeting";
import { isCompetent, MATTER_KINDS } from "../../domain/rules";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand, type Tx } from "../run";
import { bumpVersion, loadMeetingContext, requireInSession, requireLiveRole } from "./context";
import { quorumData, quorumOf } from "./quorum";

export const VOTE_METHODS = ["named", "secret", "hands_named", "hands_totals", "paper"] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];

const schema = z.strictObject({
  meetingId: z.string().min(1),
  text: z.string().trim().min(1).max(500),
  method: z.enum(VOTE_METHODS),
  matterKind: z.enum(MATTER_KINDS).optional(),
  /** Paper ballots: who counts (计票人) and who checks the count (监票人). */
  counters: z.array(z.string().min(1)).max(5).optional(),
  scrutineers: z.array(z.string().min(1)).max(5).optional(),
});

/**
 * 开始表决 on the current item. Only with quorum: a meeting short of it "cannot decide" (VCOL 26 etc.). The entitled
 * voters are frozen now — present, not recused, proxies resolved — and later arrivals do not vote on this motion.
 */
export function openVote(input: unknown, actor: Actor): Promise<{ version: number; motionId: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const ctx = await loadMeetingContext(tx, data.meetingId);
    const { auditActor } = await requireLiveRole(tx, actor, ctx, ["chair"]);
    requireInSession(ctx);
    const itemId = ctx.meeting.currentItemId;
    if (!itemId) throw new AppError("conflict", "start an agenda item first", { field: "currentItemId" });
    if ((await tx.motion.count({ where: { meetingId: ctx.meeting.id, state: { in: ["open", "closed"] } } })) > 0) {
      throw new AppError("conflict", "another vote is open or awaiting its announcement", { field: "motions" });
    }
    const item = await tx.agendaItem.findUniqueOrThrow({ where: { id: itemId }, select: { matter: { select: { kind: true } } } });
    const matterKind = data.matterKind ?? z.enum(MATTER_KINDS).catch("general").parse(item.matter?.kind ?? "general");
    if (!isCompetent(ctx.body.kind, matterKind)) {
      throw new AppError("invalid_input", "this body may not decide this kind of matter", { field: "matterKind" });
    }
    const quorum = quorumOf(ctx);
    if (!quorum.quorumMet) throw new AppError("quorum_not_met", quorum.explanation["zh-CN"], { details: quorumData(quorum) });
    if (data.method === "paper") await checkOfficials(tx, ctx.meeting.orgId, data.counters, data.scrutineers);

    const recusals = (await tx.recusal.findMany({ where: { itemId }, select: { personId: true } })).map((r) => r.personId);
    const frozen = freezeEntitledVoters({ bodyKind: ctx.body.kind, roster: ctx.roster, attendance: ctx.attendance, recusals });
    const summary = summarizeAttendance(ctx.roster, ctx.attendance, { bodyKind: ctx.body.kind });
    const now = new Date();
    const motion = await tx.motion.create({
      data: {
        meetingId: ctx.meeting.id,
        itemId,
        text: data.text,
        matterKind,
        method: data.method,
        state: nextVoteState("draft", "open"),
        entitled: { voters: frozen.voters, recusedPersonIds: frozen.recusedPersonIds, basis: frozen.basis },
        expected: summary.expected,
        present: summary.present,
        households: summary.households ?? null,
        presentHouseholds: null,
        recusedCount: frozen.recusedCount,
        counters: data.counters ?? [],
        scrutineers: data.scrutineers ?? [],
        openedAt: now,
      },
    });
    await appendAudit(tx, {
      orgId: ctx.meeting.orgId,
      meetingId: ctx.meeting.id,
      actor: auditActor,
      action: "vote.opened",
      object: { type: "motion", id: motion.id },
      data: {
        itemId,
        text: data.text,
        method: data.method,
        matterKind,
        entitled: frozen.voters.map((v) => ({ voterPersonId: v.voterPersonId, castByPersonId: v.castByPersonId })),
        recusedPersonIds: frozen.recusedPersonIds,
        counters: data.counters ?? [],
        scrutineers: data.scrutineers ?? [],
        quorum: quorumData(quorum),
      },
      now,
    });
    return { version: await bumpVersion(tx, ctx.meeting.id), motionId: motion.id };
  });
}

async function checkOfficials(tx: Tx, orgId: string, counters?: string[], scrutineers?: string[]): Promise<void> {
  if (!counters?.length) throw new AppError("invalid_input", "paper ballots need at least one counter (计票人)", { field: "counters" });
  if (!scrutineers?.length) throw new AppError("invalid_input", "paper ballots need at least one scrutineer (监票人)", { field: "scrutineers" });
  const ids = [...counters, ...scrutineers];
  if (new Set(ids).size !== ids.length) throw new AppError("invalid_input", "a counter cannot also be a scrutineer", { field: "scrutineers" });
  const found = await tx.person.count({ where: { id: { in: ids }, orgId } });
  if (found !== ids.length) throw new AppError("not_found", "counter or scrutineer not found", { field: "counters" });
}
