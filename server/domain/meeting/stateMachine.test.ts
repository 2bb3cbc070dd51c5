import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import {
  assertInSession,
  assertVoteOpen,
  MEETING_EVENTS,
  MEETING_STATES,
  type MeetingEvent,
  type MeetingState,
  nextMeetingState,
  nextVoteState,
  VOTE_EVENTS,
  VOTE_STATES,
  type VoteEvent,
  type VoteState,
} from "./stateMachine";

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

describe("meeting states", () => {
  const legal: Record<string, MeetingState> = {
    "draft/schedule": "scheduled",
    "scheduled/open": "in_session",
    "in_session/adjourn": "adjourned",
    "adjourned/signMinutes": "minutes_signed",
    "minutes_signed/archive": "archived",
  };
  const pairs = MEETING_STATES.flatMap((state) => MEETING_EVENTS.map((event) => [state, event] as [MeetingState, MeetingEvent]));

  it.each(pairs)("%s on %s", (state, event) => {
    const expected = legal[`${state}/${event}`];
    if (expected === undefined) {
      expect(codeOf(() => nextMeetingState(state, event))).toBe("conflict");
    } else {
      expect(nextMeetingState(state, event)).toBe(expected);
    }
  });

  it("walks the whole life of a meeting", () => {
    let state: MeetingState = "draft";
    for (const event of MEETING_EVENTS) state = nextMeetingState(state, event);
    expect(state).toBe("archived");
  });

  it("names the state at fault and the state the event needs", () => {
    try {
      nextMeetingState("adjourned", "open");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "conflict", field: "state", details: { state: "adjourned", event: "open", expected: "scheduled" } });
    }
  });

  it("refuses an unknown event as invalid input", () => {
    expect(codeOf(() => nextMeetingState("draft", "reopen" as MeetingEvent))).toBe("invalid_input");
  });

  it.each(MEETING_STATES)("only in_session admits business (%s)", (state) => {
    expect(codeOf(() => assertInSession(state))).toBe(state === "in_session" ? null : "conflict");
  });
});

describe("vote states", () => {
  const legal: Record<string, VoteState> = { "draft/open": "open", "open/close": "closed", "closed/announce": "announced" };
  const pairs = VOTE_STATES.flatMap((state) => VOTE_EVENTS.map((event) => [state, event] as [VoteState, VoteEvent]));

  it.each(pairs)("%s on %s", (state, event) => {
    const expected = legal[`${state}/${event}`];
    if (expected === undefined) {
      expect(codeOf(() => nextVoteState(state, event))).toBe("conflict");
    } else {
      expect(nextVoteState(state, event)).toBe(expected);
    }
  });

  it.each([
    ["draft", "conflict"],
    ["open", null],
    ["closed", "vote_closed"],
    ["announced", "vote_closed"],
  ] as [VoteState, string | null][])("a vote cast while %s: %s", (state, code) => {
    expect(codeOf(() => assertVoteOpen(state))).toBe(code);
  });
});
