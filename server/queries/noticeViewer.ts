/**
 * What the objection form under a notice shows to this viewer: a login prompt for anonymous visitors, a plain
 * refusal for people of other organizations, the reason a closed notice takes no more objections, or the form with
 * how many objections the resident has left today. The command (fileObjection) enforces the same rules.
 */

import { currentDb } from "../db";
import { shanghaiDay } from "../notice/period";
import { OBJECTIONS_PER_DAY } from "../notice/text";
import type { PublicNotice } from "./noticeBoard";

export type ObjectionStatus =
  | { kind: "anonymous" }
  | { kind: "not_resident" }
  | { kind: "superseded"; currentId: string }
  | { kind: "closed"; endsAt: Date }
  | { kind: "open"; remainingToday: number; max: number };

export async function objectionStatus(notice: PublicNotice, accountId: string | null, now: Date = new Date()): Promise<ObjectionStatus> {
  if (notice.supersededById) return { kind: "superseded", currentId: notice.supersededById };
  if (!notice.countdown.isOpen) return { kind: "closed", endsAt: notice.endsAt };
  if (!accountId) return { kind: "anonymous" };
  const { prisma } = currentDb();
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { person: { select: { orgId: true, deletedAt: true } } } });
  if (account?.person?.orgId !== notice.orgId || account.person.deletedAt !== null) return { kind: "not_resident" };
  const day = shanghaiDay(now);
  const today = await prisma.objection.count({ where: { noticeId: notice.id, accountId, createdAt: { gte: day.start, lt: day.end } } });
  return { kind: "open", remainingToday: Math.max(0, OBJECTIONS_PER_DAY - today), max: OBJECTIONS_PER_DAY };
}
