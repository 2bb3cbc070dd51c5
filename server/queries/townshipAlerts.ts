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
import { processSingleton } from "../singleton";
import type { Viewer } from "./access";
import { refreshAlerts, type StoredAlertKey, type StoredAlertRow, type StoredFilters, storedAlertsByKey, storedKeys, withMatters } from "./alertStore";
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

/** The township, its villages and their cooperatives, by name: one query on the organizations' parent links. */
export async function townshipTree(townshipId: string): Promise<TownshipTree> {
  const rows = await currentDb().prisma.$queryRaw<{ id: string; name: string; level: string; parentId: string | null; townshipSettings: unknown }[]>`
    SELECT o.id, o.name, o.level::text AS level, o."parentId", o."townshipSettings" FROM "Organization" o
    WHERE o.id = ${townshipId}
       OR (o."parentId" = ${townshipId} AND o.level = 'village')
       OR (o.level = 'cooperative' AND o."parentId" IN (SELECT v.id FROM "Organization" v WHERE v."parentId" = ${townshipId} AND v.level = 'village'))
    ORDER BY o.name, o.id`;
  const township = rows.find((r) => r.id === townshipId && r.level === "township");
  if (!township) throw new AppError("not_found", "township not found");
  const villages = rows
    .filter((r) => r.level === "village" && r.parentId === townshipId)
    .map((v) => ({ id: v.id, name: v.name, cooperatives: [] as { id: string; name: string }[] }));
  const byId = new Map(villages.map((v) => [v.id, v]));
  for (const r of rows) if (r.level === "cooperative" && r.parentId) byId.get(r.parentId)?.cooperatives.push({ id: r.id, name: r.name });
  const villageOf = new Map<string, string>();
  const orgName = new Map<string, string>();
  for (const v of villages) {
    villageOf.set(v.id, v.id);
    orgName.set(v.id, v.name);
    for (const c of v.cooperatives) {
      villageOf.set(c.id, v.id);
      orgName.set(c.id, c.name);
    }
  }
  return {
    id: township.id,
    name: township.name,
    settings: readTownshipSettings(township.townshipSettings),
    villages,
    orgIds: villages.flatMap((v) => [v.id, ...v.cooperatives.map((c) => c.id)]),
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

/** Refreshes of a township's stored alerts running in this process (a background one, a view's): joined, not doubled. */
const running = (): Map<string, Promise<number>> => processSingleton("__yishiTownshipRefresh", () => new Map<string, Promise<number>>());

/**
 * Brings the stored alerts of the township's villages and cooperatives up to date as of `now`, after any refresh of
 * the same township already running here (the background one after a threshold change): that one's work is then not
 * done twice. Returns how many organizations this call recomputed.
 */
export async function refreshTownshipAlerts(tree: TownshipTree, now: Date): Promise<number> {
  const earlier = running().get(tree.id);
  if (earlier) await earlier.catch(() => 0);
  const mine = refreshAlerts(tree.orgIds, tree.settings.alerts, now);
  running().set(tree.id, mine);
  try {
    return await mine;
  } finally {
    if (running().get(tree.id) === mine) running().delete(tree.id);
  }
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
 * facts changed since the last view are recomputed first; then the keys of the alerts that pass the filters are read
 * by one indexed query, counted and sorted here, and only the page's alerts are read in full. `page` counts from 1;
 * `pageSize` 0 means every alert (the exports).
 */
export async function currentTownshipAlerts(
  tree: TownshipTree,
  filters: TownshipFilters,
  options: { page?: number; pageSize?: number; now?: Date } = {},
): Promise<CurrentAlerts> {
  await refreshTownshipAlerts(tree, options.now ?? new Date());
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
  const shownOrgs = village ? tree.orgIds.filter((id) => tree.villageOf.get(id) === village) : tree.orgIds;
  const [keys, withoutMatterKeys] = await Promise.all([
    // Every village's counts pass the filters other than the village: one read serves the counts and the list.
    storedKeys(tree.orgIds, base),
    rest.stage || rest.kind ? storedKeys(shownOrgs, { ...base, stage: undefined, kind: undefined, noMatter: true }) : Promise.resolve([]),
  ]);
  const villageCounts = new Map<string, { red: number; yellow: number; green: number }>();
  for (const key of keys) {
    const villageId = tree.villageOf.get(key.orgId) as string;
    const c = villageCounts.get(villageId) ?? { red: 0, yellow: 0, green: 0 };
    c[key.level] += 1;
    villageCounts.set(villageId, c);
  }
  const order = orderOf(tree);
  const shown = village ? keys.filter((key) => tree.villageOf.get(key.orgId) === village) : keys;
  shown.sort((a, b) => byStoredOrder(order, a, b));
  const size = options.pageSize ?? 0;
  const page = Math.max(1, options.page ?? 1);
  const listed = size > 0 ? shown.slice((page - 1) * size, page * size) : shown;
  return {
    villageCounts,
    alerts: (await storedAlertsByKey(listed)).map((alert) => placed(tree, alert)),
    total: shown.length,
    withoutMatter: withoutMatterKeys.length,
  };
}

/** Each organization's place in byLevelThenDate's order of names: its village's name, then its own (Chinese collation). */
type NameOrder = Map<string, { villagePos: number; orgPos: number }>;

function orderOf(tree: TownshipTree): NameOrder {
  const collator = new Intl.Collator("zh-CN");
  const positions = (names: string[]) => new Map([...new Set(names)].sort(collator.compare).map((name, i) => [name, i]));
  const villageName = (orgId: string) => tree.orgName.get(tree.villageOf.get(orgId) as string) ?? "";
  const vpos = positions(tree.orgIds.map(villageName));
  const opos = positions(tree.orgIds.map((id) => tree.orgName.get(id) ?? ""));
  return new Map(
    tree.orgIds.map((orgId) => [orgId, { villagePos: vpos.get(villageName(orgId)) as number, orgPos: opos.get(tree.orgName.get(orgId) ?? "") as number }]),
  );
}

/** byLevelThenDate on the stored keys, with the names' positions computed once per view. */
function byStoredOrder(order: NameOrder, a: StoredAlertKey, b: StoredAlertKey): number {
  const pa = order.get(a.orgId) as { villagePos: number; orgPos: number };
  const pb = order.get(b.orgId) as { villagePos: number; orgPos: number };
  return (
    RANK[a.level] - RANK[b.level] ||
    (a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : 0) ||
    pa.villagePos - pb.villagePos ||
    pa.orgPos - pb.orgPos ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
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
