/**
 * Alerts of organizations (issue #20 item 4), for the compliance page, the township dashboard and its API. Facts
 * come from the record (alertFacts.ts); the rules are pure (server/domain/alerts).
 */
import { requireOrgRole, requireTownshipRoleOver, townshipOf } from "../auth/permissions";
import { currentDb } from "../db";
import {
  type Alert,
  type AlertCounts,
  type AlertLevel,
  type AlertSettings,
  computeAlerts,
  countAlerts,
  DEFAULT_ALERT_SETTINGS,
  worstLevel,
} from "../domain/alerts";
import { readTownshipSettings } from "../domain/township/settings";
import { AppError } from "../errors";
import { actorOf, type Viewer } from "./access";
import { loadAlertFacts } from "./alertFacts";
import { refreshAlerts, storedAlertsOf } from "./alertStore";

export type AlertOptions = {
  /** The moment the alerts are computed for (default: now). Tests and reports of a past week pass it. */
  now?: Date;
};

/** Every alert of one organization, red first. Reads only; no authorization (callers authorize). */
export async function alertsForOrganization(orgId: string, settings: AlertSettings = DEFAULT_ALERT_SETTINGS, options: AlertOptions = {}): Promise<Alert[]> {
  const now = options.now ?? new Date();
  const facts = await loadAlertFacts([orgId], settings, now);
  const own = facts.get(orgId);
  return own ? computeAlerts(own, settings, now) : [];
}

/**
 * Every alert of each organization of a list, red first within each: one set of queries for the whole list (the
 * township dashboard and its weekly summary compute each village's alerts once and filter them afterwards).
 */
export async function alertsForOrganizations(
  orgIds: readonly string[],
  settings: AlertSettings = DEFAULT_ALERT_SETTINGS,
  options: AlertOptions = {},
): Promise<Map<string, Alert[]>> {
  const now = options.now ?? new Date();
  const facts = await loadAlertFacts(orgIds, settings, now);
  return new Map(
    [...new Set(orgIds)].map((orgId) => {
      const own = facts.get(orgId);
      return [orgId, own ? computeAlerts(own, settings, now) : []];
    }),
  );
}

export type OrganizationAlertCounts = AlertCounts & { orgId: string; level: AlertLevel };

/**
 * Counts by colour for each organization of a list (the township dashboard's rows), in the list's order; an
 * organization with no alert counts zero of each and is green. One set of queries for the whole list.
 */
export async function alertCountsForOrganizations(
  orgIds: readonly string[],
  settings: AlertSettings = DEFAULT_ALERT_SETTINGS,
  options: AlertOptions = {},
): Promise<OrganizationAlertCounts[]> {
  const now = options.now ?? new Date();
  const facts = await loadAlertFacts(orgIds, settings, now);
  return [...new Set(orgIds)].map((orgId) => {
    const own = facts.get(orgId);
    const alerts = own ? computeAlerts(own, settings, now) : [];
    return { orgId, ...countAlerts(alerts), level: worstLevel(alerts) };
  });
}

export type CompliancePage = { org: { id: string; name: string; level: string }; alerts: Alert[]; counts: AlertCounts; level: AlertLevel; computedAt: Date };

/**
 * 合规提示 of one village or cooperative, for its admin and its supervisors (村务监督委员会), and for the staff of the
 * township above it, with the township's thresholds (issue #20). Anyone else is refused with `forbidden`.
 */
export async function compliancePage(viewer: Viewer | null, orgId: string, options: AlertOptions = {}): Promise<CompliancePage> {
  if (!viewer) throw new AppError("unauthenticated", "login required");
  const { prisma } = currentDb();
  // The village's own admin and supervisors, or the staff of the township above it (issue #20).
  await requireOrgRole(prisma, actorOf(viewer), orgId, ["admin", "supervisor"]).catch(async (refused: unknown) => {
    if (!(await townshipOf(prisma, orgId))) throw refused;
    await requireTownshipRoleOver(prisma, actorOf(viewer), orgId, ["admin", "reviewer", "supervisor"]);
  });
  const above = await townshipOf(prisma, orgId);
  const township = above ? await prisma.organization.findUnique({ where: { id: above.townshipId }, select: { townshipSettings: true } }) : null;
  const settings = above ? readTownshipSettings(township?.townshipSettings).alerts : DEFAULT_ALERT_SETTINGS;
  const org = await prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, level: true } });
  if (!org) throw new AppError("not_found", "organization not found");
  const computedAt = options.now ?? new Date();
  // Now: the stored alerts, recomputed first if the village recorded something since (alertStore.ts); another moment
  // is computed afresh.
  let alerts: Alert[];
  if (options.now) alerts = await alertsForOrganization(orgId, settings, { now: computedAt });
  else {
    await refreshAlerts([orgId], settings, computedAt);
    alerts = await storedAlertsOf(orgId);
  }
  return { org, alerts, counts: countAlerts(alerts), level: worstLevel(alerts), computedAt };
}
