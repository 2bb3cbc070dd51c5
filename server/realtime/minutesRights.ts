/**
 * Rights in a meeting's minutes, per (account, meeting), shared by every socket of that account (an editor's phone
 * and laptop, a hall of anonymous observers). Every event is authorized against them. They are re-read in the
 * background once RIGHTS_TTL_MS old — a keystroke never waits for the database — and at once, before the next
 * event, after a sign-off change (finalize locks the text for everyone immediately).
 */
import type { MinutesAccess } from "../minutes/status";
import { minutesAccessOf } from "../queries/minutesLive";
import { statusEpoch } from "./yjs/registry";

const RIGHTS_TTL_MS = 5_000;
const FORGET_AFTER_MS = 60_000;

type Entry = { access: Promise<MinutesAccess | null>; readAt: number; epoch: number; refreshing: boolean };
const cache = new Map<string, Entry>();

function load(accountId: string | null, meetingId: string, epoch: number): Entry {
  const entry: Entry = { access: minutesAccessOf(accountId, meetingId), readAt: Date.now(), epoch, refreshing: false };
  entry.access.catch(() => cache.delete(`${accountId ?? ""}|${meetingId}`));
  return entry;
}

function sweep(now: number): void {
  for (const [key, entry] of cache) if (now - entry.readAt > FORGET_AFTER_MS) cache.delete(key);
}

/** The rights; `fresh` (joining) always reads the database. Null when the meeting does not exist. */
export function minutesRights(accountId: string | null, meetingId: string, fresh = false): Promise<MinutesAccess | null> {
  const key = `${accountId ?? ""}|${meetingId}`;
  const now = Date.now();
  const epoch = statusEpoch(meetingId);
  const entry = cache.get(key);
  if (!fresh && entry && entry.epoch === epoch) {
    if (now - entry.readAt >= RIGHTS_TTL_MS && !entry.refreshing) {
      entry.refreshing = true;
      const next = load(accountId, meetingId, epoch);
      void next.access.then(
        () => cache.set(key, next),
        () => undefined,
      );
    }
    return entry.access;
  }
  if (cache.size > 1_000) sweep(now);
  const next = load(accountId, meetingId, epoch);
  cache.set(key, next);
  return next.access;
}
