/**
 * The publishing desk (app/notices/publish): for an organization's admins and the chairs of its deciding bodies,
 * the decisions and implementation results waiting to be published, the notices that may be corrected, and (for
 * admins) the notice period and decision votes not yet recorded on a matter.
 */
import { orgRolesOf } from "../auth/permissions";
import { currentDb } from "../db";
import { findDecision } from "../db/load/decisionRecord";
import { loadResultRecord } from "../db/resultRecord";
import { resultNoticeText } from "../domain/implementation/resultText";
import { deciderForStage } from "../domain/matter";
import { isPassed } from "../domain/meeting";
import { MATTER_KINDS } from "../domain/rules";
import { AppError } from "../errors";
import { NOTICE_BODY_MAX } from "../notice/text";
import { type VoteSummary, voteSummaryOf } from "../notice/voteSummary";
import { chinaDateInput } from "../time";
import type { Viewer } from "./access";

/** Every body kind that decides some kind of matter at S4 (RULES.md §4). */
const DECISION_BODY_KINDS = [...new Set(MATTER_KINDS.flatMap((kind) => deciderForStage("decision", kind)))];

/** Organizations where the viewer is an admin, or chairs a body. */
export async function publishingOrgs(viewer: Viewer): Promise<{ id: string; name: string; isAdmin: boolean }[]> {
  const { prisma } = currentDb();
  const account = await prisma.account.findUnique({
    where: { id: viewer.id },
    select: { personId: true, roles: { where: { role: "admin" }, select: { orgId: true } } },
  });
  if (!account) return [];
  const adminOf = account.roles.map((r) => r.orgId);
  const chairOf = account.personId ? (await prisma.body.findMany({ where: { chairId: account.personId }, select: { orgId: true } })).map((b) => b.orgId) : [];
  const orgs = await prisma.organization.findMany({
    where: { id: { in: [...new Set([...adminOf, ...chairOf])] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true },
  });
  return orgs.map((o) => ({ ...o, isAdmin: adminOf.includes(o.id) }));
}

/** `resultDraft`: the result notice's text built from the implementation record (issue #23), where there is one. */
export type ReadyMatter = { matterId: string; title: string; stage: string; summary: VoteSummary | null; resultDraft?: string | null };
export type CurrentNotice = { id: string; kind: string; title: string; body: string; postedAt: Date; endsAt: Date; periodDays: number };

export async function publishingDesk(viewer: Viewer, orgId: string) {
  const { prisma } = currentDb();
  const org = await prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, noticeDays: true } });
  if (!org) throw new AppError("not_found", "organization not found");
  const isAdmin = (await orgRolesOf(prisma, viewer.id, orgId)).includes("admin");
  const personId = (await prisma.account.findUnique({ where: { id: viewer.id }, select: { personId: true } }))?.personId ?? null;
  const chairs = personId ? (await prisma.body.findMany({ where: { orgId, chairId: personId }, select: { id: true } })).map((b) => b.id) : [];
  if (!isAdmin && chairs.length === 0) throw new AppError("forbidden", "only admins and chairs publish notices");
  const may = (bodyId: string | null) => isAdmin || (bodyId !== null && chairs.includes(bodyId));

  const matters = await prisma.matter.findMany({
    where: { orgId, stage: { in: ["decision", "decision_disclosure", "implementation", "result_disclosure"] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, kind: true, stage: true, notices: { select: { kind: true } } },
  });
  const decisions: ReadyMatter[] = [];
  const results: ReadyMatter[] = [];
  for (const matter of matters) {
    const decision = await findDecision(prisma, matter);
    if (!may(decision?.body.id ?? null)) continue;
    const has = (kind: string) => matter.notices.some((n) => n.kind === kind);
    const ready = { matterId: matter.id, title: matter.title, stage: matter.stage, summary: decision ? voteSummaryOf(decision) : null };
    if ((matter.stage === "decision" || matter.stage === "decision_disclosure") && decision && !has("decision")) decisions.push(ready);
    if ((matter.stage === "implementation" || matter.stage === "result_disclosure") && !has("result")) {
      const record = await loadResultRecord(prisma, matter.id);
      results.push({ ...ready, resultDraft: record ? resultNoticeText(record, chinaDateInput(new Date()), NOTICE_BODY_MAX) : null });
    }
  }

  const notices = await prisma.notice.findMany({
    where: { orgId },
    orderBy: { postedAt: "desc" },
    select: {
      id: true,
      kind: true,
      title: true,
      body: true,
      postedAt: true,
      endsAt: true,
      periodDays: true,
      supersedesId: true,
      matterId: true,
      matter: { select: { kind: true } },
    },
  });
  const superseded = new Set(notices.map((n) => n.supersedesId).filter((id): id is string => id !== null));
  const current: CurrentNotice[] = [];
  for (const n of notices.filter((x) => !superseded.has(x.id))) {
    const decision = await findDecision(prisma, { id: n.matterId, kind: n.matter.kind });
    if (may(decision?.body.id ?? null))
      current.push({ id: n.id, kind: n.kind, title: n.title, body: n.body, postedAt: n.postedAt, endsAt: n.endsAt, periodDays: n.periodDays });
  }
  return { org, isAdmin, decisions, results, current, linkable: isAdmin ? await linkable(orgId) : null };
}

/** For admins: matters that can take a decision vote on record, and passed decision votes not tied to any matter. */
async function linkable(orgId: string) {
  const { prisma } = currentDb();
  const matters = await prisma.matter.findMany({
    where: { orgId, stage: { in: ["raised", "decision"] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, stage: true },
  });
  const motions = await prisma.motion.findMany({
    where: { state: "announced", item: { matterId: null }, meeting: { orgId, body: { kind: { in: DECISION_BODY_KINDS } } } },
    orderBy: { announcedAt: "desc" },
    select: { id: true, text: true, result: true, meeting: { select: { number: true, body: { select: { name: true } } } } },
  });
  const votes = motions.filter((m) => isPassed(m.result)).map((m) => ({ id: m.id, text: m.text, meeting: `${m.meeting.body.name} ${m.meeting.number}` }));
  return { matters, votes };
}
