/**
 * Secret-ballot trackers (投票凭证码). Each ballot gets a random tracker, shown once to the voter who cast it; at
 * close the sorted list of all trackers goes into the audit entry with the tally, so every voter can check that
 * their ballot was counted, and anyone can check that the list has as many entries as the tally has ballots.
 *
 * How unlinkability is kept (DESIGN.md §3 and §6):
 * - the ballot row holds (motion, choice, tracker) only; the participation row holds (motion, voter) only;
 * - the two rows share no key: no voter id, no sequence number, no id derived from the other, and the tracker
 *   comes from fresh random bytes, never from the voter, the motion or the time;
 * - no timestamp finer than the vote's close is kept on a ballot row, so arrival order cannot match them up;
 * - the audit log records `ballot.cast` (voter, no choice) while the vote is open and only at close the tally and
 *   the sorted (not insertion-ordered) trackers, so log order cannot link them either.
 * This module is pure: the caller passes the random bytes (node:crypto randomBytes(TRACKER_BYTES)).
 */
import { AppError } from "../../errors";

/** 80 random bits: a collision among even a million ballots has odds below one in a billion (birthday bound). */
export const TRACKER_BYTES = 10;

/** Crockford base32: no I, L, O, U, so a tracker read aloud or typed by hand is not misread. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUP = 4;
const TRACKER_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/** A tracker from exactly TRACKER_BYTES random bytes: 16 characters in groups of four, e.g. "7K3F-9QX2-M0DA-B4TC". */
export function makeTracker(randomBytes: Uint8Array): string {
  if (randomBytes.length !== TRACKER_BYTES) {
    throw new AppError("invalid_input", `a tracker needs exactly ${TRACKER_BYTES} random bytes`, {
      field: "randomBytes",
      details: { length: randomBytes.length },
    });
  }
  let bits = 0;
  let buffer = 0;
  let out = "";
  for (const byte of randomBytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  // 80 bits are exactly 16 characters of 5 bits: nothing is left over.
  return out.match(new RegExp(`.{${GROUP}}`, "g"))?.join("-") ?? out;
}

export function isTracker(value: string): boolean {
  return TRACKER_PATTERN.test(value);
}

/**
 * A tracker as a voter types it: case, spaces and dashes do not matter, and the look-alikes read as Crockford
 * says (I, L → 1; O → 0). Returns null when it cannot be a tracker.
 */
export function normalizeTracker(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (compact.length !== GROUP * 4) return null;
  const grouped = compact.match(new RegExp(`.{${GROUP}}`, "g"))?.join("-") ?? "";
  return isTracker(grouped) ? grouped : null;
}

/**
 * The trackers for the close-of-vote audit entry, sorted so the list says nothing about the order of casting.
 * A malformed or repeated tracker is refused: the list must match the tally one for one.
 */
export function sortedTrackers(ballots: readonly { tracker: string }[]): string[] {
  const trackers = ballots.map((b) => b.tracker);
  for (const tracker of trackers) {
    if (!isTracker(tracker)) throw new AppError("invalid_input", "malformed ballot tracker", { field: "tracker", details: { tracker } });
  }
  const sorted = [...trackers].sort();
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i] === sorted[i - 1]) {
      throw new AppError("conflict", "two ballots share a tracker", { field: "tracker", details: { tracker: sorted[i] } });
    }
  }
  return sorted;
}
