/**
 * What a township sees of its villages (issue #20): the villages and their cooperatives, matters by stage, filings
 * waiting for a receipt and pre-reviews waiting for a decision. Only the township's own admins, reviewers and
 * supervisors read it; another township's staff get `forbidden`, and nothing here reaches beyond the township's tree.
 */
import { orgRolesOf, townshipOf } from "../auth/permissions";
import { currentDb } from "../db";
import type { Alert, AlertLevel } from "../domain/alerts";
import { readTownshipSettings, type TownshipSettings } from "../domain/township/settings";
import { AppError } from "../errors";
import type { Viewer } from "./access";
import { alertCountsForOrganizations, alertsForOrganization } from "./alerts";

export type TownshipRole = "admin" | "reviewer" | "supervisor";

async function requireTownshipViewer(viewer: Viewer, townshipId: string): Promise<TownshipRole[]> {
  const { prisma } = currentDb();
  const township = await prisma.organization.findUnique({ where: { id: townshipId }, select: { level: true } });
  if (township?.level !== "township") throw new AppError("not_found", "township not found");
  const roles = await orgRolesOf(prisma, viewer.id, townshipId);
  if (roles.length === 0) throw new AppError("forbidden", "not of this township");
  return roles;
}

export type TownshipOverview = {
  township: { id: string; name: string; settings: TownshipSettings };
  roles: TownshipRole[];
  villages: {
    id: string;
    name: string;
    cooperatives: { id: string; name: string }[];
    matters: number;
    filed: number;
    receipted: number;
    /** Alerts of the village and its cooperatives by colour, and the worst colour. */
    red: number;
    yellow: number;
    level: AlertLevel;
  }[];
  /** The alerts that pass the filters, red first, each with the organization it belongs to. */
  alerts: (Alert & { orgId: string; orgName: string; villageId: string })[];
  filters: TownshipFilters;
  pendingReceipts: { matterId: string; title: string; orgName: string; filedAt: string }[];
  pendingPreReviews: { id: string; matterId: string; title: string; kind: string; amountYuan: number | null; orgName: string; requestedAt: string }[];
};

export type TownshipFilters = { village?: string; level?: AlertLevel; code?: string; from?: string; to?: string };

/** Filters as a query string gives them (the dashboard and the JSON API share them); anything unknown is dropped. */
export function townshipFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): TownshipFilters {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return typeof value === "string" && value.length > 0 && value.length <= 64 ? value : undefined;
  };
  const day = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  const level = get("level");
  return {
    village: get("village"),
    level: level === "red" || level === "yellow" || level === "green" ? level : undefined,
    code: get("code"),
    from: day(get("from")),
    to: day(get("to")),
  };
}

export async function townshipOverview(viewer: Viewer, townshipId: string, filters: TownshipFilters = {}): Promise<TownshipOverview> {
  const roles = await requireTownshipViewer(viewer, townshipId);
  const { prisma } = currentDb();
  const township = await prisma.organization.findUniqueOrThrow({
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
  const orgIds = township.children.flatMap((v) => [v.id, ...v.children.map((c) => c.id)]);
  const villageOf = new Map<string, string>();
  for (const v of township.children) {
    villageOf.set(v.id, v.id);
    for (const c of v.children) villageOf.set(c.id, v.id);
  }
  const [matterCounts, pendingReceipts, pendingPreReviews] = await Promise.all([
    prisma.matter.groupBy({ by: ["orgId"], where: { orgId: { in: orgIds } }, _count: { _all: true, filedAt: true, filingReceiptAt: true } }),
    prisma.matter.findMany({
      where: { orgId: { in: orgIds }, filedAt: { not: null }, filingReceiptAt: null },
      orderBy: { filedAt: "asc" },
      take: 200,
      select: { id: true, title: true, filedAt: true, org: { select: { name: true } } },
    }),
    prisma.preReview.findMany({
      where: { orgId: { in: orgIds }, state: "requested" },
      orderBy: { requestedAt: "asc" },
      take: 200,
      select: { id: true, requestedAt: true, matter: { select: { id: true, title: true, kind: true, amountYuan: true, org: { select: { name: true } } } } },
    }),
  ]);
  const totals = new Map<string, { matters: number; filed: number; receipted: number }>();
  for (const row of matterCounts) {
    const villageId = villageOf.get(row.orgId) as string;
    const t = totals.get(villageId) ?? { matters: 0, filed: 0, receipted: 0 };
    t.matters += row._count._all;
    t.filed += row._count.filedAt;
    t.receipted += row._count.filingReceiptAt;
    totals.set(villageId, t);
  }
  const settings = readTownshipSettings(township.townshipSettings);
  const orgName = new Map<string, string>(
    township.children.flatMap((v) => [[v.id, v.name] as [string, string], ...v.children.map((c) => [c.id, c.name] as [string, string])]),
  );
  const counts = await alertCountsForOrganizations(orgIds, settings.alerts);
  const colours = new Map<string, { red: number; yellow: number }>();
  for (const row of counts) {
    const villageId = villageOf.get(row.orgId) as string;
    const c = colours.get(villageId) ?? { red: 0, yellow: 0 };
    c.red += row.red;
    c.yellow += row.yellow;
    colours.set(villageId, c);
  }
  const listed = orgIds.filter((id) => !filters.village || villageOf.get(id) === filters.village);
  const alerts: TownshipOverview["alerts"] = [];
  for (const orgId of listed) {
    for (const alert of await alertsForOrganization(orgId, settings.alerts)) {
      if (filters.level && alert.level !== filters.level) continue;
      if (filters.code && alert.code !== filters.code) continue;
      if (filters.from && alert.occurredOn < filters.from) continue;
      if (filters.to && alert.occurredOn > filters.to) continue;
      alerts.push({ ...alert, orgId, orgName: orgName.get(orgId) ?? "", villageId: villageOf.get(orgId) as string });
    }
  }
  const rank = { red: 0, yellow: 1, green: 2 } as const;
  alerts.sort((a, b) => rank[a.level] - rank[b.level] || b.occurredOn.localeCompare(a.occurredOn));
  return {
    township: { id: township.id, name: township.name, settings },
    roles: roles as TownshipRole[],
    villages: township.children.map((v) => {
      const c = colours.get(v.id) ?? { red: 0, yellow: 0 };
      const level: AlertLevel = c.red > 0 ? "red" : c.yellow > 0 ? "yellow" : "green";
      return { id: v.id, name: v.name, cooperatives: v.children, ...(totals.get(v.id) ?? { matters: 0, filed: 0, receipted: 0 }), ...c, level };
    }),
    alerts,
    filters,
    pendingReceipts: pendingReceipts.map((m) => ({ matterId: m.id, title: m.title, orgName: m.org.name, filedAt: (m.filedAt as Date).toISOString() })),
    pendingPreReviews: pendingPreReviews.map((r) => ({
      id: r.id,
      matterId: r.matter.id,
      title: r.matter.title,
      kind: r.matter.kind,
      amountYuan: r.matter.amountYuan,
      orgName: r.matter.org.name,
      requestedAt: r.requestedAt.toISOString(),
    })),
  };
}

/** The townships the viewer works for (for the home page's link). */
export async function myTownships(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  const roles = await currentDb().prisma.orgRole.findMany({
    where: { accountId: viewer.id, org: { level: "township" } },
    select: { org: { select: { id: true, name: true } } },
  });
  return [...new Map(roles.map((r) => [r.org.id, r.org])).values()];
}

export type MatterTownshipStatus = {
  filedAt: string | null;
  receipt: { at: string; by: string; seq: number } | null;
  preReview: {
    state: "requested" | "approved" | "returned";
    reviewerName: string | null;
    reviewerTitle: string | null;
    decidedAt: string | null;
    reasons: string | null;
  } | null;
  hasTownship: boolean;
};

/** A matter's filing and pre-review as its page, the live meeting and the minutes show them (已经镇街预审: who, when). */
export async function matterTownshipStatus(matterId: string): Promise<MatterTownshipStatus | null> {
  const { prisma } = currentDb();
  const matter = await prisma.matter.findUnique({
    where: { id: matterId },
    select: {
      orgId: true,
      filedAt: true,
      filingReceiptAt: true,
      filingReceiptBy: true,
      filingReceiptSeq: true,
      preReviews: {
        orderBy: { requestedAt: "desc" },
        take: 1,
        select: { state: true, reviewerName: true, reviewerTitle: true, decidedAt: true, reasons: true },
      },
    },
  });
  if (!matter) return null;
  const latest = matter.preReviews[0];
  return {
    filedAt: matter.filedAt?.toISOString() ?? null,
    receipt: matter.filingReceiptAt ? { at: matter.filingReceiptAt.toISOString(), by: matter.filingReceiptBy ?? "", seq: matter.filingReceiptSeq ?? 0 } : null,
    preReview: latest
      ? {
          state: latest.state as "requested" | "approved" | "returned",
          reviewerName: latest.reviewerName,
          reviewerTitle: latest.reviewerTitle,
          decidedAt: latest.decidedAt?.toISOString() ?? null,
          reasons: latest.reasons,
        }
      : null,
    hasTownship: (await townshipOf(prisma, matter.orgId)) !== null,
  };
}
