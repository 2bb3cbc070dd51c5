import type { Listener } from "../events";
import { kickOutbox } from "../notify/outbox";

/** Meeting notices queued for SMS or WeCom leave at once, through the outbox (which also retries them later). */
export const outboxOnEvent: Listener = (event) => {
  if (event.type === "notice.queued") kickOutbox();
};
