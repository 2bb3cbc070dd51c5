import { markAlertsDirty } from "../db/alertsDirty";
import type { Listener } from "../events";

/** Another organization's alert facts changed with this commit: its stored alerts are recomputed at the next read. */
export const alertsOnEvent: Listener = async (event) => {
  if (event.type !== "alerts.changed") return;
  for (const orgId of event.otherOrgIds) await markAlertsDirty(orgId);
};
