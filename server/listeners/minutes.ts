import type { Listener, YishiEventType } from "../events";
import { getMinutesHooks } from "../minutes/hooks";
import { errorFields, logger } from "../ops/logger";

/** Events that change what the minutes' locked record blocks show (issue #7). */
const RECORD_EVENTS: ReadonlySet<YishiEventType> = new Set(["attendance.changed", "vote.closed", "vote.announced", "meeting.opened", "meeting.adjourned"]);
/** Events after which the editors re-read their rights and the sign-off. */
const STATUS_EVENTS: ReadonlySet<YishiEventType> = new Set(["minutes.status"]);

/**
 * The live minutes documents follow the meeting: record blocks are rebuilt from the database and pushed to every
 * editor on every node; a finalized, corrected or signed version makes the editors re-read the status. The record
 * refresh runs in the background (a check-in's reply does not wait for the editors); the status change is awaited,
 * as the minutes commands always did, so a signer's next read sees it announced.
 */
export const minutesOnEvent: Listener = async (event) => {
  const hooks = getMinutesHooks();
  if (!hooks) return;
  if (RECORD_EVENTS.has(event.type)) {
    void hooks
      .recordChanged(event.meetingId)
      .catch((error: unknown) => logger().error({ ...errorFields(error), meetingId: event.meetingId }, "minutes record refresh failed"));
  }
  if (STATUS_EVENTS.has(event.type)) await hooks.statusChanged(event.meetingId);
};
