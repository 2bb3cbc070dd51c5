import { type AppendInput, appendAuditMany } from "../../audit/append";
import { currentDb } from "../../db";
import { backoffMs, MAX_ATTEMPTS } from "../../domain/meeting/noticeDelivery";
import type { SendOutcome } from "../../notify/types";

/**
 * Records what a provider answered for outbox rows (one SMS, or one WeCom post for several members): delivered;
 * failed and retried later with backoff; or failed for good after the last try or a refusal that will not change.
 * One transaction: the rows and one audit entry per member and channel. Called by the outbox, never from outside.
 */
export async function recordDeliveryOutcome(rowIds: string[], outcome: SendOutcome, now: Date): Promise<void> {
  const { prisma } = currentDb();
  await prisma.$transaction(
    async (tx) => {
      const rows = await tx.noticeDelivery.findMany({ where: { id: { in: rowIds }, status: "queued" } });
      const audit: AppendInput[] = [];
      for (const row of rows) {
        const attempt = row.attempts + 1;
        const base = { orgId: row.orgId, meetingId: row.meetingId, actor: null, object: { type: "person", id: row.personId }, now } as const;
        if (outcome.ok) {
          await tx.noticeDelivery.update({
            where: { id: row.id },
            data: { status: "sent", attempts: attempt, sentAt: now, providerRef: outcome.ref, nextAttemptAt: null, lastError: null },
          });
          audit.push({ ...base, action: "notice.delivered", data: { channel: row.channel, attempt, ...(outcome.ref ? { ref: outcome.ref } : {}) } });
          continue;
        }
        const isFinal = !outcome.retryable || attempt >= MAX_ATTEMPTS;
        const retryAt = isFinal ? null : new Date(now.getTime() + backoffMs(attempt));
        await tx.noticeDelivery.update({
          where: { id: row.id },
          data: { status: isFinal ? "failed" : "queued", attempts: attempt, nextAttemptAt: retryAt, lastError: outcome.error.slice(0, 500) },
        });
        audit.push({
          ...base,
          action: "notice.delivery_failed",
          data: { channel: row.channel, attempt, error: outcome.error.slice(0, 500), retryAt: retryAt ? retryAt.toISOString() : null },
        });
      }
      await appendAuditMany(tx, audit);
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}
