/** What the printable notice (server/notice/noticePdf.ts) needs beyond the public page: its place in the audit log. */
import { latestCheckpoint } from "../audit/store";
import { decodeEntry } from "../audit/verify.mjs";
import { currentDb } from "../db";
import type { PrintInput } from "../notice/printText";
import { noticeDetail } from "./noticeBoard";

export type NoticePrint = PrintInput & { audit: { seq: number; checkpointSize: number; rootHash: string } | null };

export async function noticePrint(orgId: string, noticeId: string, now: Date = new Date()): Promise<NoticePrint> {
  const { prisma } = currentDb();
  const detail = await noticeDetail(orgId, noticeId, now);
  const { notice } = detail;
  const superseded = notice.supersedesId ? await prisma.notice.findUnique({ where: { id: notice.supersedesId }, select: { postedAt: true } }) : null;
  const entries = await prisma.auditEntry.findMany({
    where: { orgId, action: "notice.published" },
    orderBy: { seq: "desc" },
    select: { seq: true, bytes: true },
  });
  const own = entries.find((row) => decodeEntry(Buffer.from(row.bytes, "utf8")).object.id === notice.id);
  const checkpoint = await latestCheckpoint(orgId);
  return {
    orgName: detail.org.name,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    voteSummary: notice.voteSummary,
    postedAt: notice.postedAt,
    periodDays: notice.periodDays,
    endsAt: notice.endsAt,
    correction: notice.supersedesId && superseded ? { reason: notice.correctionReason ?? "", supersededPostedAt: superseded.postedAt } : null,
    isSuperseded: notice.supersededById !== null,
    audit: own && checkpoint && checkpoint.size > own.seq ? { seq: own.seq, checkpointSize: checkpoint.size, rootHash: checkpoint.rootHash } : null,
  };
}
