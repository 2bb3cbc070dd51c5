import type { Listener } from "../events";
import { markStoredAlertsStale } from "../queries/alertStore";

/** Another organization's alert facts changed with this commit: its stored alerts are recomputed at the next read. */
export const alertsOnEvent: Listener = async (event) => {
  if (event.type !== "alerts.changed") return;
  await markStoredAlertsStale(event.otherOrgIds);
};
