import { errorFields, logger } from "../ops/logger";
import { LIVE_BROADCASTS } from "../protocol/live";
import { type LiveView, liveViews, meetingVersion } from "../queries/liveMeeting";
import { getRuntime } from "../runtime";
import { processSingleton } from "../singleton";

/** At most one broadcast per meeting in this window; the last state is always sent (DESIGN §5: coalesced tallies). */
const WINDOW_MS = 150;
/** A large meeting's views take longer to read: its window widens to three times that, up to a second. */
const MAX_WINDOW_MS = 1_000;

const COST_KEY = "__yishiMeetingBroadcastCost";
function viewCosts(): Map<string, number> {
  return processSingleton(COST_KEY, () => new Map<string, number>());
}

// During a burst of 2,000 votes the broadcasts' reads would otherwise take a third of the database's time, between
// the batches that commit the votes.
function windowOf(meetingId: string): number {
  return Math.min(MAX_WINDOW_MS, Math.max(WINDOW_MS, 3 * (viewCosts().get(meetingId) ?? 0)));
}

/** recheck: a deferred broadcast, which first asks whether the version moved at all (often it did not). */
type Slot = { timer: NodeJS.Timeout | null; dirty: boolean; recheck: boolean };

const KEY = "__yishiMeetingBroadcast";
function slots(): Map<string, Slot> {
  return processSingleton(KEY, () => new Map<string, Slot>());
}

export function roomOf(meetingId: string, audience: "chair" | "public"): string {
  return `meeting:${meetingId}:${audience}`;
}

/** Sends the meeting's new state to its rooms: at once if quiet, else once the window ends. Call after commit. */
export function scheduleBroadcast(meetingId: string, recheck = false): void {
  const all = slots();
  const slot = all.get(meetingId);
  if (slot?.timer) {
    slot.dirty = true;
    return;
  }
  const fresh: Slot = { timer: null, dirty: false, recheck };
  all.set(meetingId, fresh);
  void broadcast(meetingId, fresh.recheck);
  fresh.timer = setTimeout(() => {
    fresh.timer = null;
    all.delete(meetingId);
    if (fresh.dirty) scheduleBroadcast(meetingId, true);
  }, windowOf(meetingId));
}

// Per meeting, the version this process last broadcast. Every change of the state bumps the meeting's version in its
// transaction (DESIGN §3), so a request that finds no newer version has nothing to send: a command may declare
// several events (server/listeners/broadcast.ts), and without this each change went out more than once.
const SENT_KEY = "__yishiMeetingBroadcastSent";
function sentVersions(): Map<string, number> {
  return processSingleton(SENT_KEY, () => new Map<string, number>());
}

/**
 * After a failed read (the database busy past the read's budget, or restarting) the state is sent again, later and
 * later: without this every screen stayed on the old state until the meeting's next change — a phone not showing a
 * vote the chair had opened. The resend asks for the version first, so a state sent meanwhile is not sent twice.
 */
const RETRY_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000] as const;
const FAILURES_KEY = "__yishiMeetingBroadcastFailures";
function failures(): Map<string, number> {
  return processSingleton(FAILURES_KEY, () => new Map<string, number>());
}

function retryLater(meetingId: string): void {
  const failed = failures().get(meetingId) ?? 0;
  const delay = RETRY_MS[failed];
  if (delay === undefined) {
    failures().delete(meetingId);
    logger().error({ meetingId, attempts: failed + 1 }, "meeting broadcast given up; the next change sends the state");
    return;
  }
  failures().set(meetingId, failed + 1);
  setTimeout(() => {
    if (!getRuntime().shuttingDown) scheduleBroadcast(meetingId, true);
  }, delay).unref();
}

async function broadcast(meetingId: string, recheck: boolean): Promise<void> {
  const runtime = getRuntime();
  const io = runtime.io;
  if (!io) return;
  try {
    const sent = sentVersions();
    if (recheck) {
      const current = await meetingVersion(meetingId);
      if (current === null || current <= (sent.get(meetingId) ?? -1)) {
        failures().delete(meetingId);
        return;
      }
    }
    // Both audiences from one read: one version for both.
    const startedAt = performance.now();
    const [chair, publicView] = (await liveViews(meetingId, ["chair", "public"])) as [LiveView, LiveView];
    viewCosts().set(meetingId, performance.now() - startedAt);
    // A slower broadcast that finished after a newer one has nothing new either.
    if (publicView.version <= (sent.get(meetingId) ?? -1)) return;
    sent.set(meetingId, publicView.version);
    io.to(roomOf(meetingId, "chair")).emit(LIVE_BROADCASTS.state, chair);
    io.to(roomOf(meetingId, "public")).emit(LIVE_BROADCASTS.state, publicView);
    failures().delete(meetingId);
  } catch (error) {
    logger().error({ meetingId, ...errorFields(error) }, "meeting broadcast failed");
    retryLater(meetingId);
  }
}
