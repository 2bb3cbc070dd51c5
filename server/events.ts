/**
 * Things that happen after a command commits and that other parts react to: checkpoints are signed after a vote
 * closes and when a meeting adjourns, the minutes' record blocks refresh after attendance and vote changes.
 * Listeners run after commit, never inside the command's transaction; a failing listener is logged, never thrown
 * back at the user whose command already succeeded.
 */
import { processSingleton } from "./singleton";
import { errorFields, logger } from "./ops/logger";

export type YishiEvent =
  | { type: "attendance.changed"; orgId: string; meetingId: string }
  | { type: "vote.closed"; orgId: string; meetingId: string; motionId: string }
  | { type: "vote.announced"; orgId: string; meetingId: string; motionId: string }
  | { type: "meeting.opened"; orgId: string; meetingId: string }
  | { type: "meeting.adjourned"; orgId: string; meetingId: string }
  | { type: "minutes.signed"; orgId: string; meetingId: string }
  /** Sessions of this account end now: its live sockets are disconnected (no meeting involved). */
  | { type: "account.revoked"; orgId: string; meetingId: ""; accountId: string };

export type Listener = (event: YishiEvent) => Promise<void> | void;

const KEY = "__yishiListeners";

function listeners(): Listener[] {
  return processSingleton<Listener[]>(KEY, () => []);
}

export function onEvent(listener: Listener): void {
  listeners().push(listener);
}

export async function emitEvent(event: YishiEvent): Promise<void> {
  for (const listener of listeners()) {
    try {
      await listener(event);
    } catch (error) {
      logger().error({ event: event.type, ...errorFields(error) }, "listener failed");
    }
  }
}
