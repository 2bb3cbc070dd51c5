/**
 * The public notice board (公示栏) of an organization: what anyone may read without logging in. Notices, their vote
 * totals, objections without names (numbers masked) and supervisors' replies. Nothing here names a resident or a
 * voter, or carries a phone number (issue #8).
 */

import { currentDb } from "../db";
import { AppError } from "../errors";
import { type Countdown, countdown, replyDeadline } from "../notice/period";
import { maskPersonalNumbers } from "../notice/text";
import { parseVoteSummary, type VoteSummary } from "../notice/voteSummary";

export type PublicNotice = {
  id: string;
  orgId: string;
  matterId: string;
  kind: "decision" | "result";
  title: string;
  body: string;
  voteSummary: VoteSummary | null;
  postedAt: Date;
  periodDays: number;
  endsAt: Date;
  replyBy: Date;
  countdown: Countdown;
  supersedesId: string | null;
  correctionReason: string | null;
  supersededById: string | null;
  objectionCount: number;
  answeredCount: number;
};

type NoticeRow = {
  id: string;
  orgId: string;
  matterId: string;
  kind: string;
  title: string;
  body: string;
  voteSummary: unknown;
  postedAt: Date;
  periodDays: number;
  endsAt: Date;
  supersedesId: string | null;
  correctionReason: string | null;
  objections: { reply: string | null }[];
};

const noticeSelect = {
  id: true,
  orgId: true,
  matterId: true,
  kind: true,
  title: true,
  body: true,
  voteSummary: true,
  postedAt: true,
  periodDays: true,
  endsAt: true,
  supersedesId: true,
  correctionReason: true,
  objections: { select: { reply: true } },
} as const;

function toPublic(row: NoticeRow, supersededBy: Map<string, string>, now: Date): PublicNotice {
  return {
    id: row.id,
    orgId: row.orgId,
    matterId: row.matterId,
    kind: row.kind === "result" ? "result" : "decision",
    title: row.title,
    body: row.body,
    voteSummary: parseVoteSummary(row.voteSummary),
    postedAt: row.postedAt,
    periodDays: row.periodDays,
    endsAt: row.endsAt,
    replyBy: replyDeadline(row.endsAt),
    countdown: supersededBy.has(row.id) ? countdown(row.endsAt, row.endsAt) : countdown(row.endsAt, now),
    supersedesId: row.supersedesId,
    correctionReason: row.correctionReason,
    supersededById: supersededBy.get(row.id) ?? null,
    objectionCount: row.objections.length,
    answeredCount: row.objections.filter((o) => o.reply !== null).length,
  };
}

function supersessions(rows: { id: string; supersedesId: string | null }[]): Map<string, string> {
  return new Map(rows.filter((r) => r.supersedesId !== null).map((r) => [r.supersedesId as string, r.id]));
}

export type PublicOrg = { id: string; name: string; level: string; noticeDays: number };

async function publicOrg(orgId: string): Promise<PublicOrg> {
  const org = await currentDb().prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, level: true, noticeDays: true } });
  if (!org) throw new AppError("not_found", "organization not found");
  return org;
}

/** Every organization with its number of notices in their window: the entry page of the public boards. */
export async function noticeOrganizations(now: Date = new Date()) {
  const orgs = await currentDb().prisma.organization.findMany({
    orderBy: [{ level: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, level: true, notices: { where: { endsAt: { gt: now } }, select: { id: true } } },
  });
  return orgs.map((o) => ({ id: o.id, name: o.name, level: o.level, openNotices: o.notices.length }));
}

export type BoardMatter = { id: string; title: string; stage: string; decision: PublicNotice | null; result: PublicNotice | null; latest: Date };

/** An organization's board: each matter with its current decision notice and, later, its result notice. */
export async function noticeBoard(orgId: string, now: Date = new Date()): Promise<{ org: PublicOrg; matters: BoardMatter[] }> {
  const org = await publicOrg(orgId);
  const rows = await currentDb().prisma.notice.findMany({
    where: { orgId },
    orderBy: { postedAt: "desc" },
    select: { ...noticeSelect, matter: { select: { title: true, stage: true } } },
  });
  const supersededBy = supersessions(rows);
  const byMatter = new Map<string, BoardMatter>();
  for (const row of rows) {
    if (supersededBy.has(row.id)) continue;
    const entry = byMatter.get(row.matterId) ?? {
      id: row.matterId,
      title: row.matter.title,
      stage: row.matter.stage,
      decision: null,
      result: null,
      latest: row.postedAt,
    };
    const notice = toPublic(row, supersededBy, now);
    if (notice.kind === "decision") entry.decision ??= notice;
    else entry.result ??= notice;
    byMatter.set(row.matterId, entry);
  }
  return { org, matters: [...byMatter.values()].sort((a, b) => b.latest.getTime() - a.latest.getTime()) };
}

export type PublicObjection = {
  id: string;
  number: number;
  text: string;
  createdAt: Date;
  reply: string | null;
  repliedAt: Date | null;
  replyByTownship: boolean;
};

export type NoticeDetail = {
  org: PublicOrg;
  notice: PublicNotice;
  matter: { id: string; title: string; stage: string };
  /** Every notice of this matter and kind, oldest first: the original and its corrections. */
  chain: { id: string; postedAt: Date; correctionReason: string | null; isCurrent: boolean }[];
  objections: PublicObjection[];
};

/**
 * One notice with its objections and replies. Objections are shown without the resident's name — in a village
 * everyone knows everyone, and a name next to a complaint invites pressure (个人信息保护法 第六条: minimum
 * necessary) — but with their text (numbers masked), so that every resident sees what was raised and how the
 * supervisors answered (VCOL 30, 32).
 */
export async function noticeDetail(orgId: string, noticeId: string, now: Date = new Date()): Promise<NoticeDetail> {
  const { prisma } = currentDb();
  const row = await prisma.notice.findUnique({
    where: { id: noticeId },
    select: { ...noticeSelect, matter: { select: { id: true, title: true, stage: true } } },
  });
  if (!row || row.orgId !== orgId) throw new AppError("not_found", "notice not found");
  const org = await publicOrg(orgId);
  const chainRows = await prisma.notice.findMany({
    where: { matterId: row.matterId, kind: row.kind },
    orderBy: { postedAt: "asc" },
    select: { id: true, postedAt: true, supersedesId: true, correctionReason: true },
  });
  const supersededBy = supersessions(chainRows);
  const objections = await prisma.objection.findMany({
    where: { noticeId },
    orderBy: { createdAt: "asc" },
    select: { id: true, text: true, createdAt: true, reply: true, repliedAt: true, replyByTownship: true },
  });
  return {
    org,
    notice: toPublic(row, supersededBy, now),
    matter: row.matter,
    chain: chainRows.map((c) => ({ id: c.id, postedAt: c.postedAt, correctionReason: c.correctionReason, isCurrent: !supersededBy.has(c.id) })),
    objections: objections.map((o, index) => ({
      id: o.id,
      number: index + 1,
      text: maskPersonalNumbers(o.text),
      createdAt: o.createdAt,
      reply: o.reply,
      repliedAt: o.repliedAt,
      /** Answered by the township's 镇街监督 (issue #20): shown as 镇街监督意见. */
      replyByTownship: o.replyByTownship,
    })),
  };
}
