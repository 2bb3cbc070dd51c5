/**
 * The township's alerts with their filters (issue #20 item 5): village, matter stage, matter kind, colour, rule and
 * date, all combinable. The dashboard, its JSON API and the weekly summary share this one computation: the alert
 * facts of every village and cooperative are loaded by one set of indexed queries (alertFacts.ts), each alert is
 * computed once, and the stage and kind of the matters the alerts name are read by primary key — never every matter.
 */
import { orgRolesOf } from "../auth/permissions";
import { currentDb } from "../db";
import { ALERT_CODES, type Alert, type AlertCode, type AlertLevel } from "../domain/alerts";
import { MATTER_STAGES, type MatterStage } from "../domain/matter";
import { MATTER_KINDS, type MatterKind } from "../domain/rules";
import { readTownshipSettings, type TownshipSettings } from "../domain/township/settings";
import { AppError } from "../errors";
import type { Viewer } from "./access";
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
};

export const FILTER_KEYS = ["village", "stage", "kind", "level", "code", "from", "to"] as const;

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

/** The matter an alert is about: named by the alert, or the matter on whose agenda item the alert's vote was taken. */
export type AlertMatter = { id: string; title: string; stage: MatterStage; kind: MatterKind };

export type TownshipAlert = Alert & { orgId: string; orgName: string; villageId: string; villageName: string; matter: AlertMatter | null };

/** Every alert of the township's villages and cooperatives (computed as of `now`), each with its organization and matter. */
export async function townshipAlerts(tree: TownshipTree, now: Date): Promise<TownshipAlert[]> {
  const byOrg = await alertsForOrganizations(tree.orgIds, tree.settings.alerts, { now });
  const all = [...byOrg.entries()].flatMap(([orgId, alerts]) => alerts.map((alert) => ({ orgId, alert })));
  const { prisma } = currentDb();
  const motionIds = [...new Set(all.flatMap(({ alert }) => (!alert.subject.matterId && alert.subject.motionId ? [alert.subject.motionId] : [])))];
  const motions =
    motionIds.length === 0
      ? []
      : await prisma.motion.findMany({ where: { id: { in: motionIds } }, select: { id: true, item: { select: { matterId: true } } } });
  const matterOfMotion = new Map(motions.flatMap((m) => (m.item.matterId ? [[m.id, m.item.matterId] as [string, string]] : [])));
  const matterIdOf = (alert: Alert): string | undefined =>
    alert.subject.matterId ?? (alert.subject.motionId ? matterOfMotion.get(alert.subject.motionId) : undefined);
  const matterIds = [...new Set(all.flatMap(({ alert }) => matterIdOf(alert) ?? []))];
  const matters =
    matterIds.length === 0
      ? []
      : await prisma.matter.findMany({ where: { id: { in: matterIds } }, select: { id: true, title: true, stage: true, kind: true } });
  const matterById = new Map(matters.map((m) => [m.id, { id: m.id, title: m.title, stage: m.stage as MatterStage, kind: m.kind as MatterKind }]));
  const villageName = new Map(tree.villages.map((v) => [v.id, v.name]));
  return all.map(({ orgId, alert }) => {
    const villageId = tree.villageOf.get(orgId) as string;
    const matterId = matterIdOf(alert);
    return {
      ...alert,
      orgId,
      orgName: tree.orgName.get(orgId) ?? "",
      villageId,
      villageName: villageName.get(villageId) ?? "",
      matter: matterId ? (matterById.get(matterId) ?? null) : null,
    };
  });
}

/**
 * Does the alert pass the filters? A stage or kind filter keeps only alerts about a matter of that stage or kind (an
 * alert about a household or a meeting's checkpoint names no matter and drops out).
 */
export function passesFilters(alert: TownshipAlert, filters: TownshipFilters, options: { ignoreVillage?: boolean } = {}): boolean {
  if (filters.village && !options.ignoreVillage && alert.villageId !== filters.village) return false;
  if (filters.stage && alert.matter?.stage !== filters.stage) return false;
  if (filters.kind && alert.matter?.kind !== filters.kind) return false;
  if (filters.level && alert.level !== filters.level) return false;
  if (filters.code && alert.code !== filters.code) return false;
  if (filters.from && alert.occurredOn < filters.from) return false;
  if (filters.to && alert.occurredOn > filters.to) return false;
  return true;
}

const RANK: Record<AlertLevel, number> = { red: 0, yellow: 1, green: 2 };

/** Red first, then yellow, then green; within a colour the newest first, then by village and id (a stable order). */
export function byLevelThenDate(a: TownshipAlert, b: TownshipAlert): number {
  return (
    RANK[a.level] - RANK[b.level] ||
    b.occurredOn.localeCompare(a.occurredOn) ||
    a.villageName.localeCompare(b.villageName, "zh-CN") ||
    a.orgName.localeCompare(b.orgName, "zh-CN") ||
    a.id.localeCompare(b.id)
  );
}
