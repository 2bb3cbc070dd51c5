/**
 * Alerts (issue #20 item 4): red, yellow and green findings about a village's meetings and matters, computed from
 * what it recorded. Pure: facts, settings and the clock are passed in.
 */
import type { AlertFacts } from "./facts";
import { AlertClock } from "./make";
import { matterAlerts } from "./matterAlerts";
import { meetingAlerts } from "./meetingAlerts";
import { photoReuseAlerts } from "./photoAlerts";
import type { Alert, AlertLevel, AlertSettings } from "./types";
import { villageAlerts } from "./villageAlerts";
import { splitViewAlerts } from "./witnessAlerts";

export * from "./facts";
export { AlertClock, nextChinaMidnight } from "./make";
export { forwardJumps, isForwardJump } from "./matterAlerts";
export { photoReuseAlerts } from "./photoAlerts";
export { type AlertSettingsProblem, alertSettings, DEFAULT_ALERT_SETTINGS } from "./settings";
export * from "./types";
export { splitViewAlerts } from "./witnessAlerts";

const ORDER: Record<AlertLevel, number> = { red: 0, yellow: 1, green: 2 };

/** Every alert of one organization, red first, then yellow, then green; within a colour the newest first. */
export function computeAlerts(facts: AlertFacts, settings: AlertSettings, now: Date): Alert[] {
  return computeAlertsUntil(facts, settings, now).alerts;
}

/**
 * The alerts as `computeAlerts` gives them, and the earliest moment after `now` at which the same facts could give
 * different alerts (a deadline passing; null: never, by time alone). The stored alerts are valid until then.
 */
export function computeAlertsUntil(facts: AlertFacts, settings: AlertSettings, now: Date): { alerts: Alert[]; changesAt: Date | null } {
  const clock = new AlertClock(now);
  if (facts.changesAt) clock.watch(facts.changesAt);
  // A vote recorded as "stage incomplete" whose matter the admin later recorded as moved on that very vote, with
  // the earlier stages held off the record and why (linkDecisionVote), is explained: the green note stands for it.
  const explained = new Set(facts.stageJumps.filter((j) => j.motionId !== null && j.reason !== null && j.reason.trim() !== "").map((j) => j.motionId));
  const alerts = [
    ...meetingAlerts(facts.orgId, facts.meetings, facts.quorum, facts.checkpointSize, settings, clock).filter(
      (a) => !(a.code === "stage_incomplete" && a.subject.motionId !== undefined && explained.has(a.subject.motionId)),
    ),
    ...matterAlerts(facts.orgId, facts, settings, clock),
    ...villageAlerts(facts.orgId, facts.households, settings),
    ...splitViewAlerts(facts.orgId, facts.splitView),
    ...photoReuseAlerts(facts.orgId, facts.photoReuses),
  ];
  const unique = [...new Map(alerts.map((a) => [a.id, a])).values()];
  const alerts_ = unique.sort((a, b) => ORDER[a.level] - ORDER[b.level] || b.occurredOn.localeCompare(a.occurredOn) || a.id.localeCompare(b.id));
  return { alerts: alerts_, changesAt: clock.changesAt };
}

export type AlertCounts = { red: number; yellow: number; green: number };

export function countAlerts(alerts: readonly Alert[]): AlertCounts {
  const counts: AlertCounts = { red: 0, yellow: 0, green: 0 };
  for (const alert of alerts) counts[alert.level] += 1;
  return counts;
}

/** The colour of a village, meeting or matter: its worst alert's, green when it has none. */
export function worstLevel(alerts: readonly Alert[]): AlertLevel {
  if (alerts.some((a) => a.level === "red")) return "red";
  if (alerts.some((a) => a.level === "yellow")) return "yellow";
  return "green";
}
