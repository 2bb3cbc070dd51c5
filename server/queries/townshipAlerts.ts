/**
 * The township's alerts with their filters (issue #20 item 5): village, matter stage, matter kind, colour, rule and
 * date, all combinable. The dashboard, its JSON API and the weekly summary share this one computation: the alert
 * facts of every village and cooperative are loaded by one set of indexed queries (alertFacts.ts), each alert is
 * computed once, and the stage and kind of the matters the alerts name are read by primary key — never every matter.
 */
import { orgRolesOf } from "../auth/permissions";
import { currentDb } from "../db";
import { ALERT_CODES, type AlertCode, type AlertLevel } from "../domain/alerts";
import { MATTER_STAGES, type MatterStage } from "../domain/matter";
import { MATTER_KINDS, type MatterKind } from "../domain/rules";
import { readTownshipSettings, type TownshipSettings } from "../domain/township/settings";
import { AppError } from "../errors";
import type { Viewer } from "./access";
import { type OrgOrder, refreshAlerts, type StoredAlertRow, type StoredFilters, storedCounts, storedPage, withMatters } from "./alertStore";
import { alertsForOrganizations } from "./alerts";

export type TownshipRole = "admin" | "reviewer" | "supervisor";

/** The township's own admins, reviewers and supervisors; another township's staff get `forbidden`. */
export async function requireTownshipViewer(viewer: Viewer, townshipId: string): Promise<TownshipRole[]> {
  const { prisma } = currentDb();
  const township = await prisma.organization.findUnique({ where: { id: townshipId }, select: { level: true } });
  if (township?.level !== "township") throw new AppError("not_found", "township not found");
  const roles = await orgRolesOf(prisma, viewer.id, townshipId);
  if (roles.length === 0) throw new AppError("forbidden", "not of this township");
  return roles as TownshipRole[];
}

export type TownshipFilters = {
  village?: string;
  stage?: MatterStage;
  kind?: MatterKind;
  level?: AlertLevel;
  code?: AlertCode;
  /** Days in China, `YYYY-MM-DD`, inclusive: the day the alert's fact happened. */
  from?: string;
  to?: string;
  /** "none": only the alerts that name no matter (a household, a meeting's checkpoint), which no stage or kind has. */
  matter?: "none";
};

export const FILTER_KEYS = ["village", "stage", "kind", "level", "code", "from", "to", "matter"] as const;

/** Filters as a query string gives them (the dashboard, the JSON API and the exports share them); anything unknown is dropped. */
export function townshipFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): TownshipFilters {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return typeof value === "string" && value.length > 0 && value.length <= 64 ? value : undefined;
  };
  const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | undefined =>
    value !== undefined && (list as readonly string[]).includes(value) ? (value as T) : undefined;
  const day = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  const filters: TownshipFilters = {
    village: get("village"),
    stage: oneOf(MATTER_STAGES, get("stage")),
    kind: oneOf(MATTER_KINDS, get("kind")),
    level: oneOf(["red", "yellow", "green"] as const, get("level")),
    code: oneOf(ALERT_CODES, get("code")),
    from: day(get("from")),
    to: day(get("to")),
    matter: oneOf(["none"] as const, get("matter")),
  };
  for (const key of FILTER_KEYS) if (filters[key] === undefined) delete filters[key];
  return filters;
}

/** The filters as a query string (the links to the exports and the API carry the view's filters). */
export function filterQuery(filters: TownshipFilters, extra: Record<string, string> = {}): string {
  const entries = [...FILTER_KEYS.flatMap((key) => (filters[key] ? [[key, filters[key] as string] as [string, string]] : [])), ...Object.entries(extra)];
  return new URLSearchParams(entries).toString();
}

export type TownshipTree = {
  id: string;
  name: string;
  settings: TownshipSettings;
  villages: { id: string; name: string; cooperatives: { id: string; name: string }[] }[];
  /** Every village and cooperative, villages first in name order. */
  orgIds: string[];
  villageOf: Map<string, string>;
  orgName: Map<string, string>;
};

export async function townshipTree(townshipId: string): Promise<TownshipTree> {
  const township = await currentDb().prisma.organization.findUniqueOrThrow({
    where: { id: townshipId },
    select: {
      id: true,
      name: true,
      townshipSettings: true,
      children: {
        where: { level: "village" },
        orderBy: { name: "asc" },
        select: { id: true, name: true, children: { orderBy: { name: "asc" }, select: { id: true, name: true } } },
      },
    },
  });
  const villageOf = new Map<string, string>();
  const orgName = new Map<string, string>();
  for (const v of township.children) {
    villageOf.set(v.id, v.id);
    orgName.set(v.id, v.name);
    for (const c of v.children) {
      villageOf.set(c.id, v.id);
      orgName.set(c.id, c.name);
    }
  }
  return {
    id: township.id,
    name: township.name,
    settings: readTownshipSettings(township.townshipSettings),
    villages: township.children.map((v) => ({ id: v.id, name: v.name, cooperatives: v.children })),
    orgIds: township.children.flatMap((v) => [v.id, ...v.children.map((c) => c.id)]),
    villageOf,
    orgName,
  };
}

export type { AlertMatter } from "./alertStore";

export type TownshipAlert = StoredAlertRow & { orgId: string; orgName: string; villageId: string; villageName: string };

function placed(tree: TownshipTree, alert: StoredAlertRow): TownshipAlert {
  const orgId = alert.subject.orgId;
  const villageId = tree.villageOf.get(orgId) as string;
  return { ...alert, orgId, orgName: tree.orgName.get(orgId) ?? "", villageId, villageName: tree.orgName.get(villageId) ?? "" };
}

/**
 * Every alert of the township's villages and cooperatives computed afresh as of `now`, each with its organization and
 * matter: for a moment in the past (a weekly summary of a past week). The present is read from the stored alerts
 * (`currentTownshipAlerts`).
 */
export async function townshipAlerts(tree: TownshipTree, now: Date): Promise<TownshipAlert[]> {
  const byOrg = await alertsForOrganizations(tree.orgIds, tree.settings.alerts, { now });
  const annotated = await withMatters([...byOrg.values()].flat());
  return [...annotated.values()].map((alert) => placed(tree, alert));
}

export type CurrentAlerts = {
  /** Alerts by colour per village that pass the filters other than the village (every village of the township). */
  villageCounts: Map<string, { red: number; yellow: number; green: number }>;
  /** The page of alerts that pass every filter, in the dashboard's order. */
  alerts: TownshipAlert[];
  /** How many alerts pass every filter (all pages). */
  total: number;
  /**
   * Under a stage or kind filter: how many alerts that pass the other filters name no matter (a household's pattern,
   * an unsealed meeting record) and so fall outside any stage or kind; 0 without such a filter.
   */
  withoutMatter: number;
};

/**
 * The township's current alerts with its filters, from the stored alerts (alertStore.ts): the organizations whose
 * facts changed since the last view are recomputed first; then counts, keys and one page of alerts are read by
 * indexed queries. `page` counts from 1; `pageSize` 0 means every alert (the exports).
 */
export async function currentTownshipAlerts(
  tree: TownshipTree,
  filters: TownshipFilters,
  options: { page?: number; pageSize?: number; now?: Date } = {},
): Promise<CurrentAlerts> {
  await refreshAlerts(tree.orgIds, tree.settings.alerts, options.now ?? new Date());
  const { village, ...rest } = filters;
  const base: StoredFilters = {
    stage: rest.stage,
    kind: rest.kind,
    level: rest.level,
    code: rest.code,
    from: rest.from,
    to: rest.to,
    noMatter: rest.matter === "none",
  };
  const everyOrg = orderOf(tree);
  const shown = village ? everyOrg.filter((o) => o.villageId === village) : everyOrg;
  const size = options.pageSize ?? 0;
  const page = Math.max(1, options.page ?? 1);
  const [counts, listed, withoutMatter] = await Promise.all([
    storedCounts(everyOrg, base),
    storedPage(shown, base, size, (page - 1) * size),
    rest.stage || rest.kind ? storedCounts(shown, { ...base, stage: undefined, kind: undefined, noMatter: true }) : Promise.resolve([]),
  ]);
  const villageCounts = new Map<string, { red: number; yellow: number; green: number }>();
  for (const row of counts) {
    const c = villageCounts.get(row.villageId) ?? { red: 0, yellow: 0, green: 0 };
    c[row.level] += row.n;
    villageCounts.set(row.villageId, c);
  }
  return {
    villageCounts,
    alerts: listed.alerts.map((alert) => placed(tree, alert)),
    total: listed.total,
    withoutMatter: withoutMatter.reduce((sum, r) => sum + r.n, 0),
  };
}

/** Each organization of the tree with its village and its place in byLevelThenDate's order of names. */
function orderOf(tree: TownshipTree): OrgOrder {
  const positions = (names: string[]) => {
    const sorted = [...new Set(names)].sort((a, b) => a.localeCompare(b, "zh-CN"));
    return new Map(sorted.map((name, i) => [name, i]));
  };
  const villageName = (orgId: string) => tree.orgName.get(tree.villageOf.get(orgId) as string) ?? "";
  const vpos = positions(tree.orgIds.map(villageName));
  const opos = positions(tree.orgIds.map((id) => tree.orgName.get(id) ?? ""));
  return tree.orgIds.map((orgId) => ({
    orgId,
    villageId: tree.villageOf.get(orgId) as string,
    villagePos: vpos.get(villageName(orgId)) as number,
    orgPos: opos.get(tree.orgName.get(orgId) ?? "") as number,
  }));
}

/**
 * Does the alert pass the filters? A stage or kind filter keeps only alerts about a matter of that stage or kind: an
 * alert about a household or a meeting's checkpoint names no matter, so it has no stage or kind; the dashboard
 * counts such alerts beside the filter (`withoutMatter`) and lists them with `matter=none`.
 */
export function passesFilters(alert: TownshipAlert, filters: TownshipFilters, options: { ignoreVillage?: boolean } = {}): boolean {
  if (filters.village && !options.ignoreVillage && alert.villageId !== filters.village) return false;
  if (filters.stage && alert.matter?.stage !== filters.stage) return false;
  if (filters.kind && alert.matter?.kind !== filters.kind) return false;
  if (filters.level && alert.level !== filters.level) return false;
  if (filters.code && alert.code !== filters.code) return false;
  if (filters.from && alert.occurredOn < filters.from) return false;
  if (filters.to && alert.occurredOn > filters.to) return false;
  if (filters.matter === "none" && alert.matter !== null) return false;
  return true;
}

const RANK: Record<AlertLevel, number> = { red: 0, yellow: 1, green: 2 };

type SortKey = { level: AlertLevel; occurredOn: string; villageName: string; orgName: string; id: string };

/** Red first, then yellow, then green; within a colour the newest first, then by village and id (a stable order). */
export function byLevelThenDate(a: SortKey, b: SortKey): number {
  return (
    RANK[a.level] - RANK[b.level] ||
    b.occurredOn.localeCompare(a.occurredOn) ||
    a.villageName.localeCompare(b.villageName, "zh-CN") ||
    a.orgName.localeCompare(b.orgName, "zh-CN") ||
    // By code unit, as the stored alerts are ordered in SQL (COLLATE "C").
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
