/**
 * The life of a meeting and of a vote (DESIGN.md §3), as pure transition tables. A command asks for the next
 * state, writes it with the meeting's version bump and its audit entry in one transaction; an illegal move is a
 * conflict with the current state, never a silent no-op.
 */
import { AppError } from "../../errors";

export const MEETING_STATES = ["draft", "scheduled", "in_session", "adjourned", "minutes_signed", "archived"] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export const MEETING_EVENTS = ["schedule", "open", "adjourn", "signMinutes", "archive"] as const;
export type MeetingEvent = (typeof MEETING_EVENTS)[number];

/**
 * One way only: an adjourned meeting is not reopened (a new session is a new meeting with its own notice), and
 * signed minutes are corrected by a new version with a reason, never by going back (DESIGN.md §3 Minutes).
 */
const MEETING_TRANSITIONS: Record<MeetingEvent, { from: MeetingState; to: MeetingState }> = {
  schedule: { from: "draft", to: "scheduled" },
  open: { from: "scheduled", to: "in_session" },
  adjourn: { from: "in_session", to: "adjourned" },
  signMinutes: { from: "adjourned", to: "minutes_signed" },
  archive: { from: "minutes_signed", to: "archived" },
};

export const VOTE_STATES = ["draft", "open", "closed", "announced"] as const;
export type VoteState = (typeof VOTE_STATES)[number];

export const VOTE_EVENTS = ["open", "close", "announce"] as const;
export type VoteEvent = (typeof VOTE_EVENTS)[number];

/** A closed vote never reopens: its tally is final and every later close returns the same one (DESIGN.md §3). */
const VOTE_TRANSITIONS: Record<VoteEvent, { from: VoteState; to: VoteState }> = {
  open: { from: "draft", to: "open" },
  close: { from: "open", to: "closed" },
  announce: { from: "closed", to: "announced" },
};

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

function step<S extends string, E extends string>(
  kind: "meeting" | "vote",
  table: Record<E, { from: S; to: S }>,
  states: readonly S[],
  events: readonly E[],
  state: S,
  event: E,
): S {
  if (!isOneOf(states, state)) throw new AppError("invalid_input", `unknown ${kind} state: ${String(state)}`, { field: "state" });
  if (!isOneOf(events, event)) throw new AppError("invalid_input", `unknown ${kind} event: ${String(event)}`, { field: "event" });
  const transition = table[event];
  if (transition.from !== state) {
    throw new AppError("conflict", `cannot ${event} a ${kind} that is ${state}`, {
      field: "state",
      details: { state, event, expected: transition.from },
    });
  }
  return transition.to;
}

/** The meeting's state after `event`; AppError("conflict") when the event is not allowed in `state`. */
export function nextMeetingState(state: MeetingState, event: MeetingEvent): MeetingState {
  return step("meeting", MEETING_TRANSITIONS, MEETING_STATES, MEETING_EVENTS, state, event);
}

/** The vote's state after `event`; AppError("conflict") when the event is not allowed in `state`. */
export function nextVoteState(state: VoteState, event: VoteEvent): VoteState {
  return step("vote", VOTE_TRANSITIONS, VOTE_STATES, VOTE_EVENTS, state, event);
}

/** Attendance, speakers and votes happen only while the meeting is in session. */
export function assertInSession(state: MeetingState): void {
  if (state !== "in_session") {
    throw new AppError("conflict", `the meeting is ${state}, not in session`, { field: "state", details: { state } });
  }
}

/** A vote is taken only while open: before opening the entitled voters are not frozen, after closing it is final. */
export function assertVoteOpen(state: VoteState): void {
  if (state === "open") return;
  if (state === "draft") throw new AppError("conflict", "the vote is not open yet", { field: "state", details: { state } });
  throw new AppError("vote_closed", "the vote is closed", { field: "state", details: { state } });
}
