/**
 * The supervisors' objection inbox (app/notices/objections): every objection to the notices of the organizations
 * the viewer supervises, unanswered first (oldest first, with the reply deadline), then the answered ones. Supervisors
 * read everything of their organization (DESIGN.md §4), so they see who objected — by name, never by phone.
 */

import { currentDb } from "../db";
import { replyDeadline } from "../notice/period";
import type { Viewer } from "./access";

export type InboxObjection = {
  id: string;
  orgId: string;
  orgName: string;
  noticeId: string;
  noticeTitle: string;
  noticeKind: string;
  residentName: string;
  text: string;
  createdAt: Date;
  replyBy: Date;
  isOverdue: boolean;
  reply: string | null;
  repliedAt: Date | null;
  /** Answered by the township's 镇街监督 (issue #20). */
  replyByTownship: boolean;
};

const ANSWERED_SHOWN = 50;

export async function objectionInbox(
  viewer: Viewer,
  now: Date = new Date(),
): Promise<{ orgs: { id: string; name: string }[]; open: InboxObjection[]; answered: InboxObjection[] }> {
  const { prisma } = currentDb();
  const roles = await prisma.orgRole.findMany({
    where: { accountId: viewer.id, role: "supervisor" },
    select: { org: { select: { id: true, name: true, level: true } } },
  });
  // A township's 镇街监督 (issue #20) answers the objections of its villages and their cooperatives.
  const townshipIds = roles.filter((r) => r.org.level === "township").map((r) => r.org.id);
  const below =
    townshipIds.length > 0
      ? await prisma.organization.findMany({
          where: { OR: [{ parentId: { in: townshipIds } }, { parent: { parentId: { in: townshipIds } } }] },
          orderBy: { name: "asc" },
          select: { id: true, name: true },
        })
      : [];
  const orgs = [...roles.filter((r) => r.org.level !== "township").map((r) => ({ id: r.org.id, name: r.org.name })), ...below];
  if (orgs.length === 0) return { orgs, open: [], answered: [] };
  const rows = await prisma.objection.findMany({
    where: { notice: { orgId: { in: orgs.map((o) => o.id) } } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      accountId: true,
      text: true,
      createdAt: true,
      reply: true,
      repliedAt: true,
      replyByTownship: true,
      notice: { select: { id: true, title: true, kind: true, endsAt: true, org: { select: { id: true, name: true } } } },
    },
  });
  const accounts = await prisma.account.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.accountId))] } },
    select: { id: true, displayName: true, person: { select: { name: true } } },
  });
  const nameOf = new Map(accounts.map((a) => [a.id, a.person?.name ?? a.displayName]));
  const all = rows.map((r): InboxObjection => {
    const replyBy = replyDeadline(r.notice.endsAt);
    return {
      id: r.id,
      orgId: r.notice.org.id,
      orgName: r.notice.org.name,
      noticeId: r.notice.id,
      noticeTitle: r.notice.title,
      noticeKind: r.notice.kind,
      residentName: nameOf.get(r.accountId) ?? "",
      text: r.text,
      createdAt: r.createdAt,
      replyBy,
      isOverdue: r.reply === null && now.getTime() > replyBy.getTime(),
      reply: r.reply,
      repliedAt: r.repliedAt,
      replyByTownship: r.replyByTownship,
    };
  });
  return {
    orgs,
    open: all.filter((o) => o.reply === null),
    answered: all
      .filter((o) => o.reply !== null)
      .sort((a, b) => (b.repliedAt?.getTime() ?? 0) - (a.repliedAt?.getTime() ?? 0))
      .slice(0, ANSWERED_SHOWN),
  };
}
