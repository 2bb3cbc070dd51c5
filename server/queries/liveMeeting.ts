import { z } from "zod";
import { currentDb, type Tx } from "../db";
import { foundMeeting, type MeetingContext, meetingContextOf, meetingContextSelect } from "../db/load/meetingContext";
import {
  type FrozenVoters,
  freezeEntitledVoters,
  type MotionResult,
  meetingDay,
  type ProcedureWarning,
  procedureWarningsOf,
  proxyAllowed,
  quorumOf,
  summarizeAttendance,
} from "../domain/meeting";
import { charterOf, describeBodyRules, describeRuleBeforeVote, isCompetent, MATTER_KINDS, type MatterKind, type RuleBeforeVote } from "../domain/rules";
import { LIVE_READ_BUDGET } from "./readBudget";

/** chair: chair, recorder, admin, supervisor; public: members, observers, the projector. */
export type Audience = "chair" | "public";

/** The rule that decides a vote, as every screen shows it before and after the vote (issue #16). */
export type VoteRule = {
  bodyName: { "zh-CN": string; en: string };
  matterKind: string;
  matterName: { "zh-CN": string; en: string };
  /** "matter": set by the item's matter; "chair": no matter linked, chosen by the chair. */
  kindSource: "matter" | "chair";
  yesRequired: number;
  sentence: { "zh-CN": string; en: string };
  basis: { "zh-CN": string; en: string };
};

export type LiveMotion = {
  id: string;
  itemId: string;
  text: string;
  method: string;
  state: string;
  /** The rule fixed at opening; null for motions opened before rules were recorded. */
  rule: VoteRule | null;
  entitledCount: number;
  castCount: number;
  /** Chair only, named votes: who has not voted yet. */
  notVoted?: string[];
  /** After close for the chair; after the announcement for everyone. */
  result?: MotionResult;
  /** Named votes by name: for the chair after close; for the public only where the charter publishes them. */
  namedVotes?: { name: string; choice: string }[];
  enteredTotals?: { yes: number; no: number; abstain: number; confirmed: boolean } | null;
  counters?: string[];
  scrutineers?: string[];
  /** Paper ballots: the persons who may enter (counters) and confirm (scrutineers) the totals, on their own phones. */
  counterIds: string[];
  scrutineerIds: string[];
};

export type LiveView = {
  version: number;
  audience: Audience;
  meeting: {
    id: string;
    title: string;
    number: string;
    bodyName: string;
    bodyKindName: { "zh-CN": string; en: string };
    orgName: string;
    startsAt: string;
    place: string;
    state: string;
    shortCode: string;
    isPublic: boolean;
    /** Written proxies are lawful at this body (RCEOL 27: 成员大会 only). */
    allowsProxy: boolean;
  };
  /** Chair only: the matters this body may decide, for the vote form. */
  matterKinds?: { kind: string; name: { "zh-CN": string; en: string } }[];
  /**
   * Chair only, while the vote form shows (no motion on the current item, or its result announced): its matter's
   * kind (read-only in the form) and the rule, or, with no matter linked, the rule of each kind the chair may choose.
   */
  nextVote?: { linkedKind: string | null; rules: VoteRule[] };
  /** Chair, recorder, admins and supervisors: the procedure warnings recorded with the meeting. */
  procedureWarnings?: ProcedureWarning[];
  agenda: {
    id: string;
    position: number;
    title: string;
    isCurrent: boolean;
    /** 已经镇街预审 (issue #20): the township reviewer who approved the item's matter, and when. */
    preReview?: { name: string; title: string; at: string };
  }[];
  attendance: {
    expected: number;
    present: number;
    presentInPerson: number;
    presentOnline: number;
    presentByProxy: number;
    nonVoting: { name: string; affiliation: string | null; title: string | null }[];
    quorum: { met: boolean; required: number; basis: string; legalBasis: string[]; explanation: { "zh-CN": string; en: string } };
  };
  /** Chair only: every roster member and their attendance. */
  roster?: { personId: string; name: string; status: string; proxyHolderId: string | null }[];
  speakers: { current: { personId: string; name: string; grantedAt: string; limitSeconds: number | null } | null; queue: { personId: string; name: string }[] };
  motion: LiveMotion | null;
  announced: { id: string; text: string; passed: boolean; tally: MotionResult["tally"] }[];
  serverTime: string;
};

const resultSchema = z.custom<MotionResult>((value) => typeof value === "object" && value !== null);

export async function liveView(meetingId: string, audience: Audience): Promise<LiveView> {
  const views = await liveViews(meetingId, [audience]);
  return views[0] as LiveView;
}

/**
 * The views of several audiences from one read, in one transaction: a broadcast sends the chair's and the public
 * view of the same state, and reading the meeting twice doubled its cost (PGlite runs one query at a time).
 */
/** The meeting's current version (bumped by every change), or null when it does not exist: a cheap "anything new?". */
export async function meetingVersion(meetingId: string): Promise<number | null> {
  const row = await currentDb().prisma.meeting.findUnique({ where: { id: meetingId }, select: { version: true } });
  return row ? row.version : null;
}

export async function liveViews(meetingId: string, audiences: Audience[]): Promise<LiveView[]> {
  const { prisma, kind } = currentDb();
  // One snapshot for the whole view (PostgreSQL's REPEATABLE READ; PGlite runs one statement at a time anyway): read
  // under READ COMMITTED, the version could be taken before a command committed and the motion after it, and two
  // different states went out under one version — a phone could then keep 「等待宣布」 over the announced result.
  const snapshot = kind === "postgres" ? { ...LIVE_READ_BUDGET, isolationLevel: "RepeatableRead" as const } : LIVE_READ_BUDGET;
  return prisma.$transaction(async (tx) => {
    // The meeting context and the rest of the view in one read (the same row; Prisma joins its relations).
    const meeting = foundMeeting(
      await tx.meeting.findUnique({
        where: { id: meetingId },
        select: {
          ...meetingContextSelect,
          title: true,
          number: true,
          place: true,
          shortCode: true,
          org: { select: { name: true } },
          body: { select: { ...meetingContextSelect.body.select, name: true } },
          agenda: {
            orderBy: { position: "asc" },
            select: {
              id: true,
              position: true,
              title: true,
              matter: {
                select: {
                  kind: true,
                  preReviews: { orderBy: { requestedAt: "desc" }, take: 1, select: { state: true, reviewerName: true, reviewerTitle: true, decidedAt: true } },
                },
              },
            },
          },
          procedureWarnings: true,
          nonVoting: { orderBy: { createdAt: "asc" }, select: { name: true, affiliation: true, title: true } },
          motions: { orderBy: { createdAt: "asc" } },
        },
      }),
    );
    const ctx = await meetingContextOf(tx, meeting);
    const summary = summarizeAttendance(ctx.roster, ctx.attendance, { bodyKind: ctx.body.kind });
    const quorum = quorumOf(ctx);
    const speakers = ctx.meeting.currentItemId
      ? await tx.speakerRequest.findMany({ where: { itemId: ctx.meeting.currentItemId, withdrawnAt: null, finishedAt: null }, orderBy: { requestedAt: "asc" } })
      : [];
    const speaking = speakers.find((s) => s.grantedAt);
    const latest = [...meeting.motions].reverse().find((m) => m.itemId === ctx.meeting.currentItemId) ?? null;
    const status = new Map(meeting.attendance.map((a) => [a.personId, a]));
    const votes = latest ? await motionVotes(tx, latest) : null;
    // The chair's vote form shows only with no motion on the current item or after its result was announced: while
    // a vote runs, its every broadcast would otherwise read the recusals and work out each kind's rule for nothing.
    const formShown = !latest || latest.state === "announced";
    const nextVote = audiences.includes("chair") && formShown ? await nextVoteRules(tx, ctx, meeting.agenda) : undefined;
    const names = await namesOf(tx, ctx, [
      ...speakers.map((s) => s.personId),
      ...((latest?.entitled as FrozenVoters | null)?.voters.map((v) => v.voterPersonId) ?? []),
      ...(votes?.named.map((v) => v.voterPersonId) ?? []),
      ...((latest?.counters as string[] | null) ?? []),
      ...((latest?.scrutineers as string[] | null) ?? []),
    ]);
    return audiences.map(
      (audience): LiveView => ({
        version: ctx.meeting.version,
        audience,
        meeting: {
          id: meetingId,
          title: meeting.title,
          number: meeting.number,
          bodyName: meeting.body.name,
          bodyKindName: describeBodyRules(ctx.body.kind).name,
          orgName: meeting.org.name,
          startsAt: meeting.startsAt.toISOString(),
          place: meeting.place,
          state: ctx.meeting.state,
          shortCode: meeting.shortCode,
          isPublic: ctx.meeting.isPublic,
          allowsProxy: proxyAllowed(ctx.body.kind),
        },
        ...(audience === "chair" ? { matterKinds: describeBodyRules(ctx.body.kind).matters.map((m) => ({ kind: m.matter, name: m.name })) } : {}),
        ...(audience === "chair" && nextVote ? { nextVote } : {}),
        ...(audience === "chair" ? { procedureWarnings: procedureWarningsOf(meeting.procedureWarnings) } : {}),
        agenda: meeting.agenda.map((item) => {
          const review = item.matter?.preReviews[0];
          const approved =
            review?.state === "approved" && review.decidedAt
              ? { name: review.reviewerName ?? "", title: review.reviewerTitle ?? "", at: review.decidedAt.toISOString() }
              : undefined;
          return {
            id: item.id,
            position: item.position,
            title: item.title,
            isCurrent: item.id === ctx.meeting.currentItemId,
            ...(approved ? { preReview: approved } : {}),
          };
        }),
        attendance: {
          expected: summary.expected,
          present: summary.present,
          presentInPerson: summary.presentInPerson,
          presentOnline: summary.presentOnline,
          presentByProxy: summary.presentByProxy,
          nonVoting: meeting.nonVoting,
          quorum: {
            met: quorum.quorumMet,
            required: quorum.quorumRequired,
            basis: quorum.basis,
            legalBasis: quorum.legalBasis,
            explanation: quorum.explanation,
          },
        },
        ...(audience === "chair"
          ? {
              roster: ctx.roster.map((m) => ({
                personId: m.personId,
                name: m.name,
                status: status.get(m.personId)?.status ?? "absent",
                proxyHolderId: status.get(m.personId)?.proxyHolderId ?? null,
              })),
            }
          : {}),
        speakers: {
          current: speaking?.grantedAt
            ? {
                personId: speaking.personId,
                name: names.get(speaking.personId) ?? "",
                grantedAt: speaking.grantedAt.toISOString(),
                limitSeconds: speaking.limitSeconds,
              }
            : null,
          queue: speakers.filter((s) => !s.grantedAt).map((s) => ({ personId: s.personId, name: names.get(s.personId) ?? "" })),
        },
        motion: latest && votes ? motionView(latest, votes, audience, ctx, names) : null,
        announced: meeting.motions
          .filter((m) => m.state === "announced")
          .map((m) => {
            const result = resultSchema.parse(m.result);
            return { id: m.id, text: m.text, passed: result.passed, tally: result.tally };
          }),
        serverTime: new Date().toISOString(),
      }),
    );
  }, snapshot);
}

type MotionRow = {
  id: string;
  itemId: string;
  text: string;
  method: string;
  state: string;
  entitled: unknown;
  result: unknown;
  enteredTotals: unknown;
  counters: unknown;
  scrutineers: unknown;
  rule: unknown;
};

function voteRuleOf(rule: RuleBeforeVote): VoteRule {
  return {
    bodyName: rule.bodyName,
    matterKind: rule.matter,
    matterName: rule.matterName,
    kindSource: rule.kindSource,
    yesRequired: rule.yesRequired,
    sentence: rule.sentence,
    basis: rule.basis,
  };
}

/** A recorded rule as shown; a row without one (opened before rules were recorded) shows none. */
export function recordedRule(value: unknown): VoteRule | null {
  if (typeof value !== "object" || value === null || !("sentence" in value) || !("yesRequired" in value)) return null;
  return voteRuleOf(value as RuleBeforeVote);
}

/**
 * The rule of the next vote on the current item, for the chair's form: the counts as they stand now (present,
 * recused on this item), the charter and the law of the meeting's day — the same function openVote records.
 */
async function nextVoteRules(tx: Tx, ctx: MeetingContext, agenda: { id: string; matter: { kind: string } | null }[]): Promise<LiveView["nextVote"]> {
  const itemId = ctx.meeting.currentItemId;
  const item = agenda.find((i) => i.id === itemId);
  if (!itemId || !item) return undefined;
  const recusals = (await tx.recusal.findMany({ where: { itemId }, select: { personId: true } })).map((r) => r.personId);
  const frozen = freezeEntitledVoters({ bodyKind: ctx.body.kind, roster: ctx.roster, attendance: ctx.attendance, recusals });
  const summary = summarizeAttendance(ctx.roster, ctx.attendance, { bodyKind: ctx.body.kind });
  const linked = item.matter ? ((MATTER_KINDS as readonly string[]).includes(item.matter.kind) ? (item.matter.kind as MatterKind) : null) : null;
  const kinds: MatterKind[] = linked ? [linked] : MATTER_KINDS.filter((k) => isCompetent(ctx.body.kind, k));
  const rules = kinds
    .filter((k) => isCompetent(ctx.body.kind, k))
    .map((matter) =>
      voteRuleOf(
        describeRuleBeforeVote({
          body: ctx.body.kind,
          matter,
          kindSource: linked ? "matter" : "chair",
          expected: summary.expected,
          present: summary.present,
          recused: frozen.recusedCount,
          charter: charterOf(ctx),
          on: meetingDay(ctx),
        }),
      ),
    );
  return { linkedKind: item.matter ? item.matter.kind : null, rules };
}

type MotionVotes = { named: { voterPersonId: string; choice: string }[]; castCount: number };

/** What every audience's motion view is built from: the named votes, or the count of secret ballots cast. */
async function motionVotes(tx: Tx, motion: MotionRow): Promise<MotionVotes> {
  if (motion.method === "secret") return { named: [], castCount: await tx.ballotParticipation.count({ where: { motionId: motion.id } }) };
  const named = await tx.voteRecord.findMany({ where: { motionId: motion.id }, select: { voterPersonId: true, choice: true } });
  return { named, castCount: named.length };
}

function motionView(motion: MotionRow, { named, castCount }: MotionVotes, audience: Audience, ctx: MeetingContext, names: Map<string, string>): LiveMotion {
  const frozen = motion.entitled as FrozenVoters;
  const isSecret = motion.method === "secret";
  const isClosed = motion.state === "closed" || motion.state === "announced";
  const showResult = audience === "chair" ? isClosed : motion.state === "announced";
  const publishNamed = audience === "chair" || ctx.body.charter.publishNamedVotes === true;
  const voted = new Set(named.map((v) => v.voterPersonId));
  const totals = motion.enteredTotals as { yes: number; no: number; abstain: number; confirmedBy: string | null } | null;
  return {
    id: motion.id,
    itemId: motion.itemId,
    text: motion.text,
    method: motion.method,
    state: motion.state,
    rule: recordedRule(motion.rule),
    entitledCount: frozen.voters.length,
    castCount: totals && !isClosed ? totals.yes + totals.no + totals.abstain : castCount,
    counterIds: (motion.counters as string[] | null) ?? [],
    scrutineerIds: (motion.scrutineers as string[] | null) ?? [],
    ...(audience === "chair" && !isSecret && !isClosed
      ? { notVoted: frozen.voters.filter((v) => !voted.has(v.voterPersonId)).map((v) => names.get(v.voterPersonId) ?? "") }
      : {}),
    ...(showResult ? { result: resultSchema.parse(motion.result) } : {}),
    ...(showResult && publishNamed && !isSecret
      ? { namedVotes: named.map((v) => ({ name: names.get(v.voterPersonId) ?? "", choice: v.choice })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN")) }
      : {}),
    ...(audience === "chair"
      ? {
          enteredTotals: totals ? { yes: totals.yes, no: totals.no, abstain: totals.abstain, confirmed: totals.confirmedBy !== null } : null,
          counters: ((motion.counters as string[] | null) ?? []).map((id) => names.get(id) ?? ""),
          scrutineers: ((motion.scrutineers as string[] | null) ?? []).map((id) => names.get(id) ?? ""),
        }
      : {}),
  };
}

/**
 * Names of the roster, and of the other persons the view mentions (a speaker, a counter who is not a member): only
 * those are read — not every person of the village, which a broadcast would otherwise read every time.
 */
async function namesOf(tx: Tx, ctx: MeetingContext, mentioned: string[]): Promise<Map<string, string>> {
  const names = new Map(ctx.roster.map((m) => [m.personId, m.name]));
  const missing = [...new Set(mentioned)].filter((id) => !names.has(id));
  if (missing.length === 0) return names;
  const others = await tx.person.findMany({ where: { orgId: ctx.meeting.orgId, id: { in: missing } }, select: { id: true, name: true } });
  for (const p of others) names.set(p.id, p.name);
  return names;
}
