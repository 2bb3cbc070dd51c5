/**
 * The evidence the notice-period check needs: when the first member on the roster was reached by any channel
 * (the earliest successful delivery in the log, issue #22). Null when no notice reached anyone yet. For the
 * procedure warnings (issue #16): pass the result as the notice date of checkNoticePeriod.
 */
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { firstDelivery } from "../domain/meeting/noticeDelivery";

type Reader = Prisma.TransactionClient | PrismaClient;

export async function firstNoticeDelivery(db: Reader, meetingId: string): Promise<Date | null> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { body: { select: { members: { select: { personId: true } } } } } });
  if (!meeting) return null;
  const rows = await db.noticeDelivery.findMany({
    where: { meetingId, personId: { in: meeting.body.members.map((m) => m.personId) }, status: { in: ["sent", "received"] } },
    select: { personId: true, channel: true, status: true, sentAt: true, receivedAt: true },
  });
  return firstDelivery(rows);
}
