/**
 * The speakers' queue of one agenda item (DESIGN.md §3): members request the floor, the chair grants it, a speech
 * has a time limit. Pure: every function takes the queue and `now`, and returns a new queue.
 *
 * The chair may grant the floor to any pending request, not only the head of the queue: a chair often alternates
 * views for and against, or lets someone answer a point just made. The queue order is what members see, and the
 * minutes record speakers in the order they actually spoke (RULES.md §6), so the choice stays visible.
 */
import { AppError } from "../../errors";

export type SpeakerStatus = "pending" | "speaking" | "finished" | "withdrawn";

export type SpeakerEntry = {
  /** 1, 2, 3 … in order of request; stable, so an entry is never confused with a later request of the same person. */
  seq: number;
  personId: string;
  status: SpeakerStatus;
  requestedAt: Date;
  grantedAt: Date | null;
  endedAt: Date | null;
};

export type SpeakersQueue = {
  itemId: string;
  /** Time limit per speech in seconds; null: no limit. */
  limitSeconds: number | null;
  entries: readonly SpeakerEntry[];
};

export function emptySpeakersQueue(itemId: string, limitSeconds: number | null): SpeakersQueue {
  if (limitSeconds !== null && (!Number.isSafeInteger(limitSeconds) || limitSeconds < 1)) {
    throw new AppError("invalid_input", "the time limit must be a whole number of seconds ≥ 1", { field: "limitSeconds" });
  }
  return { itemId, limitSeconds, entries: [] };
}

/** Pending requests in order of request (the queue as members see it). */
export function pendingRequests(queue: SpeakersQueue): SpeakerEntry[] {
  return queue.entries.filter((e) => e.status === "pending");
}

export function currentSpeaker(queue: SpeakersQueue): SpeakerEntry | null {
  return queue.entries.find((e) => e.status === "speaking") ?? null;
}

/** Those who had the floor, in the order they got it, for the minutes. */
export function speakersInOrder(queue: SpeakersQueue): SpeakerEntry[] {
  return queue.entries.filter((e) => e.grantedAt !== null).sort((a, b) => (a.grantedAt?.getTime() ?? 0) - (b.grantedAt?.getTime() ?? 0) || a.seq - b.seq);
}

function replace(queue: SpeakersQueue, entry: SpeakerEntry): SpeakersQueue {
  return { ...queue, entries: queue.entries.map((e) => (e.seq === entry.seq ? entry : e)) };
}

function pendingOf(queue: SpeakersQueue, personId: string): SpeakerEntry {
  const entry = queue.entries.find((e) => e.personId === personId && e.status === "pending");
  if (entry === undefined) throw new AppError("not_found", "no pending request to speak", { field: "personId", details: { personId } });
  return entry;
}

/**
 * A member asks for the floor. One open request per member and item: a second while one is pending (or while
 * they speak) is refused; after speaking they may ask again.
 */
export function requestFloor(queue: SpeakersQueue, personId: string, now: Date): SpeakersQueue {
  const open = queue.entries.find((e) => e.personId === personId && (e.status === "pending" || e.status === "speaking"));
  if (open !== undefined) {
    throw new AppError("conflict", open.status === "pending" ? "already waiting to speak" : "already speaking", {
      field: "personId",
      details: { personId, seq: open.seq },
    });
  }
  const seq = queue.entries.reduce((max, e) => Math.max(max, e.seq), 0) + 1;
  const entry: SpeakerEntry = { seq, personId, status: "pending", requestedAt: now, grantedAt: null, endedAt: null };
  return { ...queue, entries: [...queue.entries, entry] };
}

/** The chair gives the floor to a pending request. One speaker at a time: the current speech must end first. */
export function grantFloor(queue: SpeakersQueue, personId: string, now: Date): SpeakersQueue {
  const speaking = currentSpeaker(queue);
  if (speaking !== null) {
    throw new AppError("conflict", "someone has the floor; finish that speech first", {
      field: "personId",
      details: { speaking: speaking.personId },
    });
  }
  return replace(queue, { ...pendingOf(queue, personId), status: "speaking", grantedAt: now });
}

/** The current speech ends (the speaker yields, or the chair ends it when the time is up). */
export function finishSpeech(queue: SpeakersQueue, now: Date): SpeakersQueue {
  const speaking = currentSpeaker(queue);
  if (speaking === null) throw new AppError("conflict", "nobody has the floor", { field: "personId" });
  return replace(queue, { ...speaking, status: "finished", endedAt: now });
}

/** A member takes back a pending request. */
export function withdrawRequest(queue: SpeakersQueue, personId: string, now: Date): SpeakersQueue {
  return replace(queue, { ...pendingOf(queue, personId), status: "withdrawn", endedAt: now });
}

/**
 * Whole seconds left of a speech, rounded up (the display shows 1 until the time is really up) and never below
 * zero. The chair decides what happens at zero: the speech is not cut off by itself.
 */
export function remainingSeconds(grantedAt: Date, limitSeconds: number, now: Date): number {
  if (!Number.isSafeInteger(limitSeconds) || limitSeconds < 1) {
    throw new AppError("invalid_input", "the time limit must be a whole number of seconds ≥ 1", { field: "limitSeconds" });
  }
  const elapsedMs = now.getTime() - grantedAt.getTime();
  return Math.max(0, Math.ceil((limitSeconds * 1000 - Math.max(0, elapsedMs)) / 1000));
}
