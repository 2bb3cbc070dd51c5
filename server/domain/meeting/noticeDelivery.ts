/**
 * The evidence of a meeting notice (会议通知), from the per-member delivery log: who was reached, when the first
 * member was reached, who signed for it. Pure: rows in, numbers out.
 *
 * The notice period counts from the earliest successful delivery (VCOL 2025 art. 25: 提前十日通知; RCEOL 27: 十日前
 * 通知): that is the first day a member could know of the meeting, and the log proves it. A member counts as
 * notified once any channel reached them.
 */
export const DELIVERY_CHANNELS = ["in_app", "paper", "sms", "wecom"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ["queued", "sent", "failed", "received"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type DeliveryRow = {
  personId: string;
  channel: string;
  status: string;
  sentAt: Date | null;
  receivedAt: Date | null;
};

export type DeliverySummary = {
  members: number;
  notified: number;
  received: number;
  leave: number;
  online: number;
  /** The first successful delivery to anyone on the roster; null when nobody was reached yet. */
  earliest: Date | null;
  /** Members not reached by any channel. */
  unreached: string[];
};

/** When this row reached its member, or null (queued or given up). A receipt proves delivery by itself. */
export function deliveredAt(row: DeliveryRow): Date | null {
  if (row.status === "sent" || row.status === "received") return row.sentAt ?? row.receivedAt;
  return null;
}

export function firstDelivery(rows: readonly DeliveryRow[]): Date | null {
  let first: Date | null = null;
  for (const row of rows) {
    const at = deliveredAt(row);
    if (at && (first === null || at.getTime() < first.getTime())) first = at;
  }
  return first;
}

export function summarizeDelivery(
  roster: readonly string[],
  rows: readonly DeliveryRow[],
  intents: readonly { personId: string; kind: string }[],
): DeliverySummary {
  const onRoster = new Set(roster);
  const counted = rows.filter((row) => onRoster.has(row.personId));
  const notified = new Set(counted.filter((row) => deliveredAt(row) !== null).map((row) => row.personId));
  const received = new Set(counted.filter((row) => row.status === "received").map((row) => row.personId));
  const ofKind = (kind: string) => intents.filter((i) => onRoster.has(i.personId) && i.kind === kind).length;
  return {
    members: onRoster.size,
    notified: notified.size,
    received: received.size,
    leave: ofKind("leave"),
    online: ofKind("online"),
    earliest: firstDelivery(counted),
    unreached: roster.filter((id) => !notified.has(id)),
  };
}

/** Sends are tried this many times in all before a row is marked failed. */
export const MAX_ATTEMPTS = 6;

/**
 * Wait before the next try after `attempts` failed tries: 1, 2, 4, 8, 16 minutes (capped at one hour), so that a
 * provider that is down for a while is not hammered and a short outage still ends in delivery the same hour.
 */
export function backoffMs(attempts: number): number {
  const minutes = 2 ** Math.max(0, attempts - 1);
  return Math.min(minutes, 60) * 60_000;
}
