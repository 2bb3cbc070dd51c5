/**
 * The notice outbox: delivery rows waiting to be sent (status queued, due), sent after the command that queued them
 * committed. Each row is claimed for a few minutes before sending, so a second node (or a second drain) skips it;
 * the provider's answer is recorded by recordDeliveryOutcome (row + audit entry). A provider that fails or hangs
 * delays only its own channel's rows: they are retried with backoff, everything else goes on. A crash between
 * claim and record leaves the row queued; it is sent again when the claim runs out (at least once, never lost).
 */
import { recordDeliveryOutcome } from "../commands/notify/recordDeliveryOutcome";
import { currentDb } from "../db";
import { logger } from "../ops/logger";
import { getRuntime } from "../runtime";
import { processSingleton } from "../singleton";
import { CHINA_TIME_ZONE } from "../time";
import { activeProviders } from "./active";
import type { Providers } from "./providers";
import type { NoticeMessage, SendOutcome } from "./types";

const CLAIM_MS = 5 * 60_000;
const TIME = new Intl.DateTimeFormat("zh-CN", { timeZone: CHINA_TIME_ZONE, month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });

export type DrainResult = { delivered: number; failed: number };

type Due = { id: string; meetingId: string; personId: string; channel: string; nextAttemptAt: Date | null };

async function claim(row: Due, now: Date): Promise<boolean> {
  const { prisma } = currentDb();
  const claimed = await prisma.noticeDelivery.updateMany({
    where: { id: row.id, status: "queued", nextAttemptAt: row.nextAttemptAt },
    data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
  });
  return claimed.count === 1;
}

async function messageOf(meetingId: string): Promise<NoticeMessage> {
  const { prisma } = currentDb();
  const meeting = await prisma.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { number: true, startsAt: true, place: true, body: { select: { name: true } } },
  });
  const origin = (getRuntime().config.publicOrigin ?? "").replace(/\/$/, "");
  return {
    meeting: `${meeting.body.name} ${meeting.number}`,
    time: TIME.format(meeting.startsAt),
    place: meeting.place,
    url: `${origin}/meetings/${meetingId}/notice`,
  };
}

async function phoneOf(personId: string): Promise<string | null> {
  const { prisma } = currentDb();
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { phone: true, account: { select: { phone: true } } } });
  return person?.phone ?? person?.account?.phone ?? null;
}

const OFF: SendOutcome = { ok: false, error: "channel not configured", retryable: true };

/** Sends what is due now. Returns how many rows were delivered and how many failed (for now or for good). */
export async function drainOutbox(options: { providers?: Providers; now?: () => Date; limit?: number } = {}): Promise<DrainResult> {
  const providers = options.providers ?? activeProviders();
  const clock = options.now ?? (() => new Date());
  const { prisma } = currentDb();
  const start = clock();
  const due = await prisma.noticeDelivery.findMany({
    where: { status: "queued", nextAttemptAt: { lte: start } },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 200,
    select: { id: true, meetingId: true, personId: true, channel: true, nextAttemptAt: true },
  });
  const mine: Due[] = [];
  for (const row of due) if (await claim(row, start)) mine.push(row);
  const result: DrainResult = { delivered: 0, failed: 0 };
  const record = async (ids: string[], outcome: SendOutcome) => {
    await recordDeliveryOutcome(ids, outcome, clock());
    if (outcome.ok) result.delivered += ids.length;
    else result.failed += ids.length;
  };
  const meetings = new Map<string, NoticeMessage>();
  const message = async (meetingId: string) => {
    if (!meetings.has(meetingId)) meetings.set(meetingId, await messageOf(meetingId));
    return meetings.get(meetingId) as NoticeMessage;
  };
  // SMS: one message per member.
  for (const row of mine.filter((r) => r.channel === "sms")) {
    const phone = await phoneOf(row.personId);
    const outcome = !providers.sms
      ? OFF
      : phone
        ? await providers.sms.send(phone, await message(row.meetingId))
        : { ok: false as const, error: "no phone number", retryable: false };
    await record([row.id], outcome);
  }
  // WeCom: one group post per meeting, mentioning the members it is for.
  const wecomRows = mine.filter((r) => r.channel === "wecom");
  for (const meetingId of new Set(wecomRows.map((r) => r.meetingId))) {
    const rows = wecomRows.filter((r) => r.meetingId === meetingId);
    const phones = (await Promise.all(rows.map((r) => phoneOf(r.personId)))).filter((p): p is string => p !== null);
    const outcome = providers.wecom ? await providers.wecom.post(phones, await message(meetingId)) : OFF;
    await record(
      rows.map((r) => r.id),
      outcome,
    );
  }
  return result;
}

const STATE = "__yishiOutbox";
type State = { timer?: NodeJS.Timeout; running?: Promise<unknown> };
const state = (): State => processSingleton<State>(STATE, () => ({}));

/** Drains once now (after a command queued rows); a drain already running is not doubled. Never throws. */
export function kickOutbox(): void {
  const s = state();
  if (s.running) return;
  s.running = drainOutbox()
    .catch((error: unknown) => logger().error({ err: error }, "notice outbox failed"))
    .finally(() => {
      s.running = undefined;
    });
}

/** Retries come due while nobody sends anything: look every 30 seconds. */
export function startOutbox(intervalMs = 30_000): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(kickOutbox, intervalMs);
  s.timer.unref();
}

export async function stopOutbox(): Promise<void> {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  await s.running;
}
