/**
 * Things that happen after a command commits and that other parts react to (server/listeners/): the meeting's rooms
 * get its new state, checkpoints are signed after a vote closes, a meeting adjourns, minutes are signed off and a
 * notice is published, the minutes' record blocks refresh after attendance and vote changes, revoked sessions end.
 *
 * A command DECLARES its events inside its transaction (`afterCommit` in server/commands/run.ts); runCommand
 * dispatches them only once the transaction has committed, never after a rollback. Each event names its
 * organization and meeting, filled in by the command that knows them. A failing listener is logged, never thrown
 * back at the user whose command already succeeded.
 */
import { errorFields, logger } from "./ops/logger";
import { processSingleton } from "./singleton";

type MeetingEvent<T extends string> = { type: T; orgId: string; meetingId: string };

export type YishiEvent =
  /** The live meeting's state moved (an item started, the floor, a recusal, a vote opened or its totals entered). */
  | MeetingEvent<"meeting.changed">
  | MeetingEvent<"meeting.opened">
  | MeetingEvent<"meeting.adjourned">
  | MeetingEvent<"attendance.changed">
  /** Votes were recorded (one event per meeting of a committed vote batch). */
  | MeetingEvent<"vote.recorded">
  | (MeetingEvent<"vote.closed"> & { motionId: string })
  | (MeetingEvent<"vote.announced"> & { motionId: string })
  /** A version of the minutes was finalized, corrected or signed, or a signature requested: editors re-read it. */
  | MeetingEvent<"minutes.status">
  /** The sign-off of the minutes is complete. */
  | MeetingEvent<"minutes.signed">
  /** A notice (公示) was published or corrected; meetingId is "" when it belongs to no meeting. */
  | MeetingEvent<"notice.published">
  /** Meeting notices were queued for SMS or WeCom: the outbox sends them. */
  | MeetingEvent<"notice.queued">
  /** Sessions of this account end now: its live sockets are disconnected (no meeting involved). */
  | (MeetingEvent<"account.revoked"> & { meetingId: ""; accountId: string })
  /**
   * A change of this organization also changes the alerts of others it cannot write to (a photo that repeats one of
   * another village of the township): their stored alerts are recomputed at the next read (no meeting involved).
   */
  | (MeetingEvent<"alerts.changed"> & { meetingId: ""; otherOrgIds: string[] })
  /** A township's thresholds changed (orgId is the township): every stored alert of its villages is recomputed now. */
  | (MeetingEvent<"township.settings.changed"> & { meetingId: "" });

export type YishiEventType = YishiEvent["type"];

export type Listener = (event: YishiEvent) => Promise<void> | void;

const KEY = "__yishiListeners";

// Held on globalThis: Next's bundle (route handlers) emits to the listeners the server process registered.
function listeners(): Listener[] {
  return processSingleton<Listener[]>(KEY, () => []);
}

export function onEvent(listener: Listener): void {
  listeners().push(listener);
}

/** Runs every listener for each event, in order. Called by runCommand after commit; never throws. */
export async function emitEvents(events: readonly YishiEvent[]): Promise<void> {
  for (const event of events) {
    for (const listener of listeners()) {
      try {
        await listener(event);
      } catch (error) {
        logger().error({ ...errorFields(error), event: event.type, meetingId: event.meetingId }, "after-commit listener failed");
      }
    }
  }
}
