import type { Listener, YishiEventType } from "../events";
import { scheduleBroadcast } from "../realtime/meetingBroadcast";

/** Events that change what a meeting's rooms show (a completed sign-off archives an adjourned meeting). */
const LIVE_EVENTS: ReadonlySet<YishiEventType> = new Set([
  "meeting.changed",
  "meeting.opened",
  "meeting.adjourned",
  "attendance.changed",
  "vote.recorded",
  "vote.closed",
  "vote.announced",
  "minutes.signed",
]);

/**
 * Sends the meeting's new state to its rooms (chair and public). Broadcasts are coalesced per meeting and skip a
 * version already sent (server/realtime/meetingBroadcast.ts), so several events of one command cost one broadcast.
 * Scheduling returns at once: the user's reply never waits for the broadcast.
 */
export const broadcastOnEvent: Listener = (event) => {
  if (LIVE_EVENTS.has(event.type) && event.meetingId) scheduleBroadcast(event.meetingId);
};
