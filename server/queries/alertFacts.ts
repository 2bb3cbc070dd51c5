/**
 * Loads the recorded facts the alert rules need (server/domain/alerts) for a list of organizations, by indexed
 * queries that return only candidate rows — meetings with recorded warnings, adjourned or upcoming; votes whose
 * result lacks a quorum; audit entries past the latest checkpoint; matters past their decision — never every matter
 * of a village. The same loader serves one village's compliance page and a township's counts for hundreds.
 */
import { Prisma } from "../../generated/prisma/client";
import { currentDb } from "../db";
import {
  type AlertFacts,
  type AlertSettings,
  type DecisionFact,
  forwardJumps,
  type HouseholdFact,
  type ImplementationFact,
  type MeetingFact,
  type NoticeFact,
  type ObjectionFact,
  type PhotoReuseFact,
  type PhotoUse,
  type QuorumFact,
  type StageJumpFact,
} from "../domain/alerts";
import { procedureWarningsOf } from "../domain/meeting";
import { firstDelivery } from "../domain/meeting/noticeDelivery";
import { BODY_KINDS, type BodyKind } from "../domain/rules";
import { latestSplitViews } from "./splitViews";

const DAY_MS = 86_400_000;
const DECISION_BODIES = ["villagers-assembly", "villager-representatives", "members-assembly", "member-representatives"];
/** Stages at and after S5: a matter there has had its decision (and may owe its notices). */
const AFTER_DECISION = ["decision_disclosure", "implementation", "result_disclosure", "closed"];

const isBodyKind = (kind: string): kind is BodyKind => (BODY_KINDS as readonly string[]).includes(kind);

function emptyFacts(orgId: string): AlertFacts {
  return {
    orgId,
    meetings: [],
    quorum: [],
    decisions: [],
    notices: [],
    objections: [],
    stageJumps: [],
    implementations: [],
    households: [],
    checkpointSize: 0,
  };
}

function localized(value: unknown): { "zh-CN": string; en: string } {
  const v = value as { "zh-CN"?: unknown; en?: unknown } | null;
  return { "zh-CN": typeof v?.["zh-CN"] === "string" ? v["zh-CN"] : "", en: typeof v?.en === "string" ? v.en : "" };
}

export async function loadAlertFacts(orgIds: readonly string[], settings: AlertSettings, now: Date): Promise<Map<string, AlertFacts>> {
  const ids = [...new Set(orgIds)];
  const facts = new Map(ids.map((id) => [id, emptyFacts(id)]));
  if (ids.length === 0) return facts;
  const of = (orgId: string) => facts.get(orgId) as AlertFacts;
  const [checkpoints] = await Promise.all([loadCheckpoints(ids)]);
  for (const [orgId, size] of checkpoints) of(orgId).checkpointSize = size;
  const [meetings, quorum, matters, households, entering] = await Promise.all([
    loadMeetings(ids, checkpoints, settings, now),
    loadQuorum(ids),
    loadMatterFacts(ids),
    loadHouseholds(ids, settings, now),
    meetingsEnteringWindow(ids, settings, now),
  ]);
  const changes = (orgId: string, at: Date) => {
    const own = of(orgId);
    if (!own.changesAt || at < own.changesAt) own.changesAt = at;
  };
  for (const [orgId, list] of meetings) of(orgId).meetings = list;
  for (const q of quorum) of(q.orgId).quorum.push(q.fact);
  for (const [orgId, m] of matters) Object.assign(of(orgId), m);
  for (const h of households) {
    of(h.orgId).households.push(h.fact);
    changes(h.orgId, h.leavesWindowAt);
  }
  for (const [orgId, at] of entering) changes(orgId, at);
  for (const [orgId, fact] of await latestSplitViews(ids)) of(orgId).splitView = fact;
  for (const reuse of await loadPhotoReuses(ids)) {
    for (const orgId of new Set([reuse.later.orgId, reuse.earlier.orgId])) {
      const own = facts.get(orgId);
      if (own) own.photoReuses = [...(own.photoReuses ?? []), reuse];
    }
  }
  return facts;
}

/** Photos shared across organizations of a township (issue #23), from the township's photo index: both sides. */
async function loadPhotoReuses(ids: string[]): Promise<PhotoReuseFact[]> {
  const use = { select: { id: true, orgId: true, orgName: true, matterId: true, matterTitle: true, uploadedAt: true } } as const;
  const rows = await currentDb().prisma.townshipPhotoReuse.findMany({
    where: { OR: [{ orgId: { in: ids } }, { otherOrgId: { in: ids } }] },
    orderBy: { createdAt: "asc" },
    select: { distance: true, file: use, otherFile: use },
  });
  const asUse = (f: (typeof rows)[number]["file"]): PhotoUse => ({
    fileId: f.id,
    orgId: f.orgId,
    orgName: f.orgName,
    matterId: f.matterId,
    matterTitle: f.matterTitle,
    uploadedAt: f.uploadedAt,
  });
  return rows.map((r) => ({ later: asUse(r.file), earlier: asUse(r.otherFile), distance: r.distance }));
}

async function loadCheckpoints(ids: string[]): Promise<Map<string, number>> {
  const rows = await currentDb().prisma.auditCheckpoint.groupBy({ by: ["orgId"], where: { orgId: { in: ids } }, _max: { size: true } });
  return new Map(rows.map((r) => [r.orgId, r._max.size ?? 0]));
}

const meetingSelect = {
  id: true,
  orgId: true,
  number: true,
  title: true,
  state: true,
  startsAt: true,
  openedAt: true,
  adjournedAt: true,
  noticeDate: true,
  procedureWarnings: true,
  body: { select: { name: true, kind: true, charter: true } },
} as const;

async function loadMeetings(ids: string[], checkpoints: Map<string, number>, settings: AlertSettings, now: Date): Promise<Map<string, MeetingFact[]>> {
  const { prisma } = currentDb();
  // Audit entries of meetings that no checkpoint covers yet: the primary key (orgId, seq) reads only the tail.
  const uncovered = await prisma.auditEntry.groupBy({
    by: ["orgId", "meetingId"],
    where: { OR: ids.map((orgId) => ({ orgId, seq: { gte: checkpoints.get(orgId) ?? 0 } })), meetingId: { not: null } },
    _max: { seq: true },
  });
  const lastSeq = new Map(uncovered.map((r) => [r.meetingId as string, r._max.seq ?? null]));
  const lookahead = new Date(now.getTime() + settings.upcomingNoticeLookaheadDays * DAY_MS);
  const rows = await prisma.meeting.findMany({
    where: {
      orgId: { in: ids },
      OR: [
        { procedureWarnings: { not: Prisma.AnyNull } },
        { state: "adjourned" },
        { state: "scheduled", startsAt: { gt: now, lte: lookahead } },
        { id: { in: [...lastSeq.keys()] } },
      ],
    },
    select: meetingSelect,
  });
  const upcoming = rows.filter((m) => m.state === "scheduled" && m.startsAt > now).map((m) => m.id);
  const notified = await firstDeliveries(upcoming);
  const byOrg = new Map<string, MeetingFact[]>();
  for (const m of rows) {
    if (!isBodyKind(m.body.kind)) continue;
    const charter = m.body.charter as { noticeDays?: unknown } | null;
    const fact: MeetingFact = {
      id: m.id,
      number: m.number,
      title: m.title,
      bodyName: m.body.name,
      bodyKind: m.body.kind,
      state: m.state,
      startsAt: m.startsAt,
      openedAt: m.openedAt,
      adjournedAt: m.adjournedAt,
      warnings: procedureWarningsOf(m.procedureWarnings),
      lastAuditSeq: lastSeq.get(m.id) ?? null,
      // As the opening does (openMeeting): the delivery log first, a typed date only where nothing is logged.
      noticeGivenAt: notified.get(m.id) ?? m.noticeDate,
      ...(typeof charter?.noticeDays === "number" ? { charterNoticeDays: charter.noticeDays } : {}),
    };
    byOrg.set(m.orgId, [...(byOrg.get(m.orgId) ?? []), fact]);
  }
  return byOrg;
}

/** The first successful delivery to a roster member of each meeting (server/notify/evidence.ts, for many at once). */
async function firstDeliveries(meetingIds: string[]): Promise<Map<string, Date>> {
  if (meetingIds.length === 0) return new Map();
  const { prisma } = currentDb();
  const meetings = await prisma.meeting.findMany({
    where: { id: { in: meetingIds } },
    select: { id: true, body: { select: { members: { select: { personId: true } } } } },
  });
  const rows = await prisma.noticeDelivery.findMany({
    where: { meetingId: { in: meetingIds }, status: { in: ["sent", "received"] } },
    select: { meetingId: true, personId: true, channel: true, status: true, sentAt: true, receivedAt: true },
  });
  const result = new Map<string, Date>();
  for (const m of meetings) {
    const roster = new Set(m.body.members.map((p) => p.personId));
    const first = firstDelivery(rows.filter((r) => r.meetingId === m.id && roster.has(r.personId)));
    if (first) result.set(m.id, first);
  }
  return result;
}

async function loadQuorum(ids: string[]): Promise<{ orgId: string; fact: QuorumFact }[]> {
  const rows = await currentDb().prisma.motion.findMany({
    where: { meeting: { orgId: { in: ids } }, state: { in: ["closed", "announced"] }, result: { path: ["quorumMet"], equals: false } },
    select: {
      id: true,
      text: true,
      closedAt: true,
      present: true,
      result: true,
      meeting: { select: { id: true, orgId: true, number: true, title: true, startsAt: true, body: { select: { name: true } } } },
    },
  });
  return rows.map((r) => {
    const result = r.result as { quorumRequired?: unknown; legalBasis?: unknown; explanation?: unknown };
    return {
      orgId: r.meeting.orgId,
      fact: {
        meeting: { id: r.meeting.id, number: r.meeting.number, title: r.meeting.title, bodyName: r.meeting.body.name },
        motionId: r.id,
        text: r.text,
        closedAt: r.closedAt ?? r.meeting.startsAt,
        present: r.present,
        quorumRequired: typeof result.quorumRequired === "number" ? result.quorumRequired : null,
        explanation: localized(result.explanation),
        legalBasis: Array.isArray(result.legalBasis) ? result.legalBasis.filter((b): b is string => typeof b === "string") : [],
      },
    };
  });
}

type MatterFacts = Pick<AlertFacts, "decisions" | "notices" | "objections" | "stageJumps" | "implementations">;

/**
 * Matters that have reached a decision (S4 with a passed vote, or S5 and after) or that have a recorded forward
 * jump. A matter still being prepared (S0–S3) raises no matter alert and is never read.
 */
async function loadMatterFacts(ids: string[]): Promise<Map<string, MatterFacts>> {
  const { prisma } = currentDb();
  const matters = await prisma.matter.findMany({
    where: { orgId: { in: ids }, stage: { in: [...AFTER_DECISION, "decision"] } },
    select: {
      id: true,
      orgId: true,
      title: true,
      kind: true,
      stage: true,
      events: { orderBy: { at: "asc" }, select: { fromStage: true, toStage: true, at: true, reason: true, meetingId: true } },
      notices: {
        orderBy: { postedAt: "asc" },
        select: {
          id: true,
          kind: true,
          title: true,
          postedAt: true,
          periodDays: true,
          endsAt: true,
          supersedesId: true,
          objections: { where: { reply: null }, select: { id: true, createdAt: true } },
        },
      },
    },
  });
  const jumps = await prisma.matterEvent.findMany({
    where: { matter: { orgId: { in: ids } }, OR: forwardJumps() },
    select: {
      fromStage: true,
      toStage: true,
      at: true,
      reason: true,
      meetingId: true,
      motionId: true,
      matter: { select: { id: true, orgId: true, title: true } },
    },
  });
  const decided = matters.filter((m) => m.stage === "decision" || AFTER_DECISION.includes(m.stage)).map((m) => m.id);
  const motions =
    decided.length === 0
      ? []
      : await prisma.motion.findMany({
          where: {
            item: { matterId: { in: decided } },
            state: "announced",
            result: { path: ["passed"], equals: true },
            meeting: { body: { kind: { in: DECISION_BODIES } } },
          },
          orderBy: { announcedAt: "desc" },
          select: { id: true, matterKind: true, closedAt: true, announcedAt: true, item: { select: { matterId: true } } },
        });
  const byOrg = new Map<string, MatterFacts>();
  const outOf = (orgId: string): MatterFacts => {
    const out = byOrg.get(orgId) ?? { decisions: [], notices: [], objections: [], stageJumps: [], implementations: [] };
    byOrg.set(orgId, out);
    return out;
  };
  for (const e of jumps) {
    const fact: StageJumpFact = {
      matter: { id: e.matter.id, title: e.matter.title },
      from: e.fromStage,
      to: e.toStage,
      at: e.at,
      reason: e.reason,
      meetingId: e.meetingId,
      motionId: e.motionId,
    };
    outOf(e.matter.orgId).stageJumps.push(fact);
  }
  for (const m of matters) {
    const out = outOf(m.orgId);
    const ref = { id: m.id, title: m.title };
    // The decision: the latest passed vote counted under the matter's own kind (as decisionRecord.findDecision).
    const motion = motions.find((x) => x.item.matterId === m.id && x.matterKind === m.kind);
    const superseded = new Set(m.notices.flatMap((n) => (n.supersedesId ? [n.supersedesId] : [])));
    const firstDecisionNotice = m.notices.find((n) => n.kind === "decision");
    if (motion) {
      out.decisions.push({
        matter: ref,
        motionId: motion.id,
        decidedAt: motion.announcedAt ?? motion.closedAt ?? new Date(0),
        noticeId: firstDecisionNotice?.id ?? null,
        noticePostedAt: firstDecisionNotice?.postedAt ?? null,
      });
    }
    for (const n of m.notices) {
      if (n.kind !== "decision" && n.kind !== "result") continue;
      const leaves = n.kind === "decision" ? "decision_disclosure" : "result_disclosure";
      const movedOn = m.events.find((e) => e.fromStage === leaves && e.at >= n.postedAt && e.toStage !== "closed_withdrawn");
      if (!superseded.has(n.id)) {
        const fact: NoticeFact = {
          matter: ref,
          noticeId: n.id,
          kind: n.kind,
          title: n.title,
          postedAt: n.postedAt,
          periodDays: n.periodDays,
          endsAt: n.endsAt,
          movedOnAt: movedOn?.at ?? null,
        };
        out.notices.push(fact);
      }
      for (const o of n.objections) {
        const fact: ObjectionFact = { matter: ref, noticeId: n.id, objectionId: o.id, createdAt: o.createdAt, noticeEndsAt: n.endsAt };
        out.objections.push(fact);
      }
    }
    const hasResult = m.notices.some((n) => n.kind === "result");
    if (!hasResult && (m.stage === "implementation" || m.stage === "closed")) {
      const since = [...m.events].reverse().find((e) => e.toStage === "implementation");
      const fact: ImplementationFact = { matter: ref, stage: m.stage, implementationSince: since?.at ?? null };
      out.implementations.push(fact);
    }
  }
  return byOrg;
}

/**
 * The moment the next scheduled meeting beyond the look-ahead window enters it (its start less the window): the
 * upcoming-notice rule may then speak of it, though nothing was recorded. One indexed aggregate per list.
 */
async function meetingsEnteringWindow(ids: string[], settings: AlertSettings, now: Date): Promise<Map<string, Date>> {
  const lookahead = settings.upcomingNoticeLookaheadDays * DAY_MS;
  const rows = await currentDb().prisma.meeting.groupBy({
    by: ["orgId"],
    where: { orgId: { in: ids }, state: "scheduled", startsAt: { gt: new Date(now.getTime() + lookahead) } },
    _min: { startsAt: true },
  });
  return new Map(rows.flatMap((r) => (r._min.startsAt ? [[r.orgId, new Date(r._min.startsAt.getTime() - lookahead)] as [string, Date]] : [])));
}

/**
 * Recusals and proxy votes within the window, counted per household; only households at or over a threshold, each
 * with the moment its oldest counted meeting leaves the window (the count may then drop below the threshold).
 */
async function loadHouseholds(ids: string[], settings: AlertSettings, now: Date): Promise<{ orgId: string; fact: HouseholdFact; leavesWindowAt: Date }[]> {
  const { prisma } = currentDb();
  const since = new Date(now.getTime() - settings.patternWindowDays * DAY_MS);
  const [recusals, proxies] = await Promise.all([
    prisma.recusal.findMany({
      where: { item: { meeting: { orgId: { in: ids }, startsAt: { gte: since } } } },
      select: { personId: true, declaredAt: true, item: { select: { meetingId: true, meeting: { select: { orgId: true, startsAt: true } } } } },
    }),
    prisma.attendance.findMany({
      where: { status: "proxy", meeting: { orgId: { in: ids }, startsAt: { gte: since } } },
      select: { personId: true, recordedAt: true, meetingId: true, meeting: { select: { orgId: true, startsAt: true } } },
    }),
  ]);
  const events = [
    ...recusals.map((r) => ({
      kind: "recusal" as const,
      personId: r.personId,
      at: r.declaredAt,
      meetingId: r.item.meetingId,
      orgId: r.item.meeting.orgId,
      startsAt: r.item.meeting.startsAt,
    })),
    ...proxies.map((p) => ({
      kind: "proxy" as const,
      personId: p.personId,
      at: p.recordedAt,
      meetingId: p.meetingId,
      orgId: p.meeting.orgId,
      startsAt: p.meeting.startsAt,
    })),
  ];
  if (events.length === 0) return [];
  const people = await prisma.person.findMany({
    where: { id: { in: [...new Set(events.map((e) => e.personId))] }, householdId: { not: null } },
    select: { id: true, household: { select: { id: true, number: true } } },
  });
  const household = new Map(people.flatMap((p) => (p.household ? [[p.id, p.household] as const] : [])));
  const groups = new Map<string, { orgId: string; fact: HouseholdFact; meetingIds: Set<string>; oldest: Date }>();
  for (const e of events) {
    const h = household.get(e.personId);
    if (!h) continue;
    const key = `${e.kind}:${h.id}`;
    const group = groups.get(key) ?? {
      orgId: e.orgId,
      meetingIds: new Set<string>(),
      oldest: e.startsAt,
      fact: { householdId: h.id, householdNumber: h.number, kind: e.kind, count: 0, meetings: 0, latestMeetingId: e.meetingId, latestAt: e.at },
    };
    group.fact.count += 1;
    if (e.startsAt < group.oldest) group.oldest = e.startsAt;
    group.meetingIds.add(e.meetingId);
    group.fact.meetings = group.meetingIds.size;
    if (e.at >= group.fact.latestAt) {
      group.fact.latestAt = e.at;
      group.fact.latestMeetingId = e.meetingId;
    }
    groups.set(key, group);
  }
  const threshold = (kind: "recusal" | "proxy") => (kind === "recusal" ? settings.repeatedRecusalCount : settings.repeatedProxyCount);
  return [...groups.values()]
    .filter((g) => g.fact.count >= threshold(g.fact.kind))
    .map(({ orgId, fact, oldest }) => ({ orgId, fact, leavesWindowAt: new Date(oldest.getTime() + settings.patternWindowDays * DAY_MS + 1) }));
}

export type { DecisionFact, ImplementationFact, NoticeFact, ObjectionFact, StageJumpFact };
