import type { Listener } from "../events";
import { refreshTownshipInBackground } from "../queries/alertRefresh";
import { markStoredAlertsStale } from "../queries/alertStore";

/**
 * Another organization's alert facts changed with this commit: its stored alerts are recomputed at the next read.
 * A township's thresholds changed: all its villages' stored alerts are recomputed now, in the background.
 */
export const alertsOnEvent: Listener = async (event) => {
  if (event.type === "alerts.changed") await markStoredAlertsStale(event.otherOrgIds);
  if (event.type === "township.settings.changed") refreshTownshipInBackground(event.orgId);
};
