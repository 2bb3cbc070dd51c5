import { checkpointNow } from "../audit/checkpointNow";
import type { Listener, YishiEventType } from "../events";

const CHECKPOINT_EVENTS: ReadonlySet<YishiEventType> = new Set(["vote.closed", "meeting.adjourned", "minutes.signed"]);

/**
 * Audit checkpoints are signed after a vote closes, a meeting adjourns and the minutes' sign-off completes
 * (DESIGN.md §6), for the organization the command named in its event. The periodic checkpointer
 * (server/audit/checkpointer.ts) covers whatever a failure here leaves unsigned.
 */
export const checkpointOnEvent: Listener = async (event) => {
  if (CHECKPOINT_EVENTS.has(event.type) && event.orgId) await checkpointNow(event.orgId);
};
