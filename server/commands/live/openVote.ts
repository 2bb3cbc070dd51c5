import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { checkStageBeforeVote, MATTER_STAGES } from "../../domain/matter";
import { freezeEntitledVoters, nextVoteState, quorumData, quorumOf, summarizeAttendance } from "../../domain/meeting";
import { describeRuleBeforeVote, isCompetent, MATTER_KINDS, type MatterKind } from "../../domain/rules";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand, type Tx } from "../run";
import { requirePreReviewBeforeDecision } from "../township/preReviewGate";
import { bumpVersion, charterOf, loadMeetingContext, requireInSession, requireLiveRole } from "./context";
import { appendProcedureWarnings, meetingDay } from "./procedureWarnings";

export const VOTE_METHODS = ["named", "secret", "hands_named", "hands_totals", "paper"] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];

const schema = z.strictObject({
  meetingId: z.string().min(1),
  text: z.string().trim().min(1).max(500),
  method: z.enum(VOTE_METHODS),
  /**
   * The kind the chair's form showed. With a linked matter the server takes the matter's kind and refuses a
   * different one (a forged or stale form); without one the chair must choose — there is no default.
   */
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
    const item = await tx.agendaItem.findUniqueOrThrow({
      where: { id: itemId },
      select: { title: true, matter: { select: { id: true, orgId: true, amountYuan: true, kind: true, stage: true } } },
    });
    const { matterKind, kindSource } = motionKind(item.matter?.kind ?? null, data.matterKind);
    if (!isCompetent(ctx.body.kind, matterKind)) {
      throw new AppError("invalid_input", "this body may not decide this kind of matter", {
        field: "matterKind",
        details: { bodyKind: ctx.body.kind, matterKind },
      });
    }
    // 合法性预审 (issue #20): a 决议 vote waits for the township's approval where the township requires one.
    if (item.matter) await requirePreReviewBeforeDecision(tx, { body: ctx.body.kind, matterKind, matter: item.matter });
    const quorum = quorumOf(ctx);
    if (!quorum.quorumMet) throw new AppError("quorum_not_met", quorum.explanation["zh-CN"], { details: quorumData(quorum) });
    if (data.method === "paper") await checkOfficials(tx, ctx.meeting.orgId, data.counters, data.scrutineers);

    const recusals = (await tx.recusal.findMany({ where: { itemId }, select: { personId: true } })).map((r) => r.personId);
    const frozen = freezeEntitledVoters({ bodyKind: ctx.body.kind, roster: ctx.roster, attendance: ctx.attendance, recusals });
    const summary = summarizeAttendance(ctx.roster, ctx.attendance, { bodyKind: ctx.body.kind });
    const now = new Date();
    // The rule everyone sees before voting, fixed now: closeVote decides by the same counts and charter.
    const rule = describeRuleBeforeVote({
      body: ctx.body.kind,
      matter: matterKind,
      kindSource,
      expected: summary.expected,
      present: summary.present,
      recused: frozen.recusedCount,
      charter: charterOf(ctx),
      on: meetingDay(ctx),
    });
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
        rule,
        openedAt: now,
      },
    });
    // 四议两公开: a matter put to this body's vote before its previous stage is complete is recorded, not refused.
    const stageWarnings = item.matter
      ? checkStageBeforeVote({
          body: ctx.body.kind,
          kind: matterKind,
          stage: z.enum(MATTER_STAGES).parse(item.matter.stage),
          itemTitle: item.title,
          on: meetingDay(ctx),
        })
      : [];
    const warnings = await appendProcedureWarnings(tx, ctx, stageWarnings, { itemId, motionId: motion.id }, now);
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
        kindSource,
        rule: { sentence: rule.sentence, yesRequired: rule.yesRequired, legalBasis: rule.legalBasis, editions: rule.editions.map((e) => e.id) },
        entitled: frozen.voters.map((v) => ({ voterPersonId: v.voterPersonId, castByPersonId: v.castByPersonId })),
        recusedPersonIds: frozen.recusedPersonIds,
        counters: data.counters ?? [],
        scrutineers: data.scrutineers ?? [],
        quorum: quorumData(quorum),
        ...(warnings.length > 0 ? { procedureWarnings: warnings } : {}),
      },
      now,
    });
    afterCommit(tx, { type: "meeting.changed", orgId: ctx.meeting.orgId, meetingId: ctx.meeting.id });
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

/**
 * The motion's kind (issue #16): a linked matter decides it on the server, and a form that asks for another kind is
 * refused naming both — never silently replaced by a weaker rule. Without a matter the chair's choice is required.
 */
export function motionKind(matterKind: string | null, requested: MatterKind | undefined): { matterKind: MatterKind; kindSource: "matter" | "chair" } {
  if (matterKind !== null) {
    const parsed = z.enum(MATTER_KINDS).safeParse(matterKind);
    if (!parsed.success) throw new AppError("internal", `the item's matter has an unknown kind ${matterKind}`, { field: "matterKind" });
    if (requested !== undefined && requested !== parsed.data) {
      throw new AppError("matter_kind_mismatch", `the item's matter is of kind ${parsed.data}, the vote was asked for ${requested}`, {
        field: "matterKind",
        details: { matterKind: parsed.data, requested },
      });
    }
    return { matterKind: parsed.data, kindSource: "matter" };
  }
  if (requested === undefined) {
    throw new AppError("invalid_input", "no matter is linked to this item: choose the kind of matter", { field: "matterKind" });
  }
  return { matterKind: requested, kindSource: "chair" };
}
