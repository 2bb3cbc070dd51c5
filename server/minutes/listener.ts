/**
 * After-commit reaction of the minutes (server/listeners.ts): when attendance changes, a vote closes or is
 * announced, or the meeting opens or adjourns, the locked record blocks are rebuilt from the database and pushed to
 * every editor on every node.
 */
import type { Listener, YishiEvent } from "../events";
import { getMinutesHooks } from "./hooks";

const RECORD_EVENTS: ReadonlySet<YishiEvent["type"]> = new Set([
  "attendance.changed",
  "vote.closed",
  "vote.announced",
  "meeting.opened",
  "meeting.adjourned",
]);

export const minutesOnEvent: Listener = async (event) => {
  if (RECORD_EVENTS.has(event.type)) await getMinutesHooks()?.recordChanged(event.meetingId);
};
