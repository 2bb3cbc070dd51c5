import { z } from "zod";
import { loadMeetingContext, type MeetingContext } from "../commands/live/context";
import type { MotionResult } from "../commands/live/closeVote";
import { quorumOf } from "../commands/live/quorum";
import { proxyAllowed, summarizeAttendance, type FrozenVoters } from "../domain/meeting";
import { describeBodyRules } from "../domain/rules";
import { getRuntime } from "../runtime";
import { LIVE_READ_BUDGET } from "./readBudget";

/** chair: chair, recorder, admin, supervisor; public: members, observers, the projector. */
export type Audience = "chair" | "public";

export type LiveMotion = {
  id: string;
  itemId: string;
  text: string;
  method: string;
  state: string;
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
    id: string; title: string; number: string; bodyName: string; bodyKindName: { "zh-CN": string; en: string }; orgName: string;
    startsAt: string; place: string; state: string; shortCode: string; isPublic: boolean;
    /** Written proxies are lawful at this body (RCEOL 27: 成员大会 only). */
    allowsProxy: boolean;
  };
  /** Chair only: the matters this body may decide, for the vote form. */
  matterKinds?: { kind: string; name: { "zh-CN": string; en: string } }[];
  agenda: { id: string; position: number; title: string; isCurrent: boolean }[];
  attendance: {
    expected: number;
    present: number;
    presentInPerson: number;
    presentOnline: number;
    presentByProxy: number;
    nonVoting: { name: string; affiliation: string | null }[];
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
export async function liveViews(meetingId: string, audiences: Audience[]): Promise<LiveView[]> {
  const { prisma, kind } = getRuntime().db;
  // One snapshot for the whole view (PostgreSQL's REPEATABLE READ; PGlite runs one statement at a time anyway): read
  // under READ COMMITTED, the version could be taken before a command committed and the motion after it, and two
  // different states went out under one version — a phone could then keep 「等待宣布」 over the announced result.
  const snapshot = kind === "postgres" ? { ...LIVE_READ_BUDGET, isolationLevel: "RepeatableRead" as const } : LIVE_READ_BUDGET;
  return prisma.$transaction(async (tx) => {
    const ctx = await loadMeetingContext(tx, meetingId);
    const meeting = await tx.meeting.findUniqueOrThrow({
      where: { id: meetingId },
      select: {
        title: true, number: true, startsAt: true, place: true, shortCode: true,
        org: { select: { name: true } },
        body: { select: { name: true } },
        agenda: { orderBy: { position: "asc" }, select: { id: true, position: true, title: true } },
        nonVoting: { orderBy: { createdAt: "asc" }, select: { name: true, affiliation: true } },
        motions: { orderBy: { createdAt: "asc" } },
        attendance: { select: { personId: true, status: true, proxyHolderId: true } },
      },
    });
    const summary = summarizeAttendance(ctx.roster, ctx.attendance, { bodyKind: ctx.body.kind });
    const quorum = quorumOf(ctx);
    const speakers = ctx.meeting.currentItemId
      ? await tx.speakerRequest.findMany({ where: { itemId: ctx.meeting.currentItemId, withdrawnAt: null, finishedAt: null }, orderBy: { requestedAt: "asc" } })
      : [];
    const speaking = speakers.find((s) => s.grantedAt);
    const latest = [...meeting.motions].reverse().find((m) => m.itemId === ctx.meeting.currentItemId) ?? null;
    const status = new Map(meeting.attendance.map((a) => [a.personId, a]));
    const votes = latest ? await motionVotes(tx, latest) : null;
    const names = await namesOf(tx, ctx, [
      ...speakers.map((s) => s.personId),
      ...((latest?.entitled as FrozenVoters | null)?.voters.map((v) => v.voterPersonId) ?? []),
      ...(votes?.named.map((v) => v.voterPersonId) ?? []),
      ...((latest?.counters as string[] | null) ?? []),
      ...((latest?.scrutineers as string[] | null) ?? []),
    ]);
    return audiences.map((audience): LiveView => ({
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
      agenda: meeting.agenda.map((item) => ({ ...item, isCurrent: item.id === ctx.meeting.currentItemId })),
      attendance: {
        expected: summary.expected,
        present: summary.present,
        presentInPerson: summary.presentInPerson,
        presentOnline: summary.presentOnline,
        presentByProxy: summary.presentByProxy,
        nonVoting: meeting.nonVoting,
        quorum: { met: quorum.quorumMet, required: quorum.quorumRequired, basis: quorum.basis, legalBasis: quorum.legalBasis, explanation: quorum.explanation },
      },
      ...(audience === "chair"
        ? { roster: ctx.roster.map((m) => ({ personId: m.personId, name: m.name, status: status.get(m.personId)?.status ?? "absent", proxyHolderId: status.get(m.personId)?.proxyHolderId ?? null })) }
        : {}),
      speakers: {
        current: speaking?.grantedAt ? { personId: speaking.personId, name: names.get(speaking.personId) ?? "", grantedAt: speaking.grantedAt.toISOString(), limitSeconds: speaking.limitSeconds } : null,
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
    }));
  }, snapshot);
}

type Tx = Parameters<Parameters<ReturnType<typeof getRuntime>["db"]["prisma"]["$transaction"]>[0]>[0];
type MotionRow = { id: string; itemId: string; text: string; method: string; state: string; entitled: unknown; result: unknown; enteredTotals: unknown; counters: unknown; scrutineers: unknown };

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
    entitledCount: frozen.voters.length,
    castCount: totals && !isClosed ? totals.yes + totals.no + totals.abstain : castCount,
    counterIds: (motion.counters as string[] | null) ?? [],
    scrutineerIds: (motion.scrutineers as string[] | null) ?? [],
    ...(audience === "chair" && !isSecret && !isClosed
      ? { notVoted: frozen.voters.filter((v) => !voted.has(v.voterPersonId)).map((v) => names.get(v.voterPersonId) ?? "") }
      : {}),
    ...(showResult ? { result: resultSchema.parse(motion.result) } : {}),
    ...(showResult && publishNamed && !isSecret ? { namedVotes: named.map((v) => ({ name: names.get(v.voterPersonId) ?? "", choice: v.choice })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN")) } : {}),
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
