/**
 * What a township sees of its villages (issue #20): the villages and their cooperatives, matters by stage, filings
 * waiting for a receipt and pre-reviews waiting for a decision. Only the township's own admins, reviewers and
 * supervisors read it; another township's staff get `forbidden`, and nothing here reaches beyond the township's tree.
 */
import { townshipOf } from "../auth/permissions";
import { currentDb } from "../db";
import { type AlertLevel, type AlertSettings, alertSettings } from "../domain/alerts";
import { DEFAULT_TOWNSHIP_SETTINGS, readTownshipSettings, type TownshipSettings } from "../domain/township/settings";
import type { Viewer } from "./access";
import { currentTownshipAlerts, requireTownshipViewer, type TownshipAlert, type TownshipFilters, type TownshipRole, townshipTree } from "./townshipAlerts";

export { type TownshipFilters, type TownshipRole, townshipFilters } from "./townshipAlerts";

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
    /**
     * Alerts of the village and its cooperatives by colour that pass the filters other than the village (so a rule,
     * stage or kind filter shows each village's colour for that rule, stage or kind), and the worst colour.
     */
    red: number;
    yellow: number;
    green: number;
    level: AlertLevel;
  }[];
  /** One page of the alerts that pass the filters, red first, each with its organization, village and matter (stage, kind). */
  alerts: TownshipAlert[];
  /** How many alerts pass the filters, the page shown (from 1) and the page size (ALERTS_PER_PAGE). */
  total: number;
  page: number;
  pageSize: number;
  /**
   * Under a stage or kind filter, the alerts that pass the other filters but name no matter (a household's pattern,
   * a meeting's unsealed record): not of any stage or kind, so not listed; the page says how many and links to them.
   */
  withoutMatter: number;
  /** Whether any filter is set (the village counts then count only what passes). */
  filtered: boolean;
  filters: TownshipFilters;
  pendingReceipts: { matterId: string; title: string; orgName: string; filedAt: string }[];
  pendingPreReviews: { id: string; matterId: string; title: string; kind: string; amountYuan: number | null; orgName: string; requestedAt: string }[];
};

/** Alerts per page of the dashboard and of its JSON API (`page=2`, …). */
export const ALERTS_PER_PAGE = 100;

/** `page=N` of a query: a whole number from 1, else 1. */
export function pageOf(value: string | string[] | null | undefined): number {
  const n = typeof value === "string" && /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : 1;
  return n;
}

export async function townshipOverview(
  viewer: Viewer,
  townshipId: string,
  filters: TownshipFilters = {},
  options: { page?: number } = {},
): Promise<TownshipOverview> {
  const roles = await requireTownshipViewer(viewer, townshipId);
  const { prisma } = currentDb();
  const tree = await townshipTree(townshipId);
  const orgIds = tree.orgIds;
  const villageOf = tree.villageOf;
  const page = options.page ?? 1;
  const [matterCounts, pendingReceipts, pendingPreReviews, current] = await Promise.all([
    prisma.$queryRaw<{ orgId: string; matters: number; filed: number; receipted: number }[]>`
      SELECT "orgId", count(*)::int AS matters, count("filedAt")::int AS filed, count("filingReceiptAt")::int AS receipted
      FROM "Matter" WHERE "orgId" = ANY(${orgIds}::text[]) GROUP BY "orgId"`,
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
    currentTownshipAlerts(tree, filters, { page, pageSize: ALERTS_PER_PAGE }),
  ]);
  const totals = new Map<string, { matters: number; filed: number; receipted: number }>();
  for (const row of matterCounts) {
    const villageId = villageOf.get(row.orgId) as string;
    const t = totals.get(villageId) ?? { matters: 0, filed: 0, receipted: 0 };
    t.matters += row.matters;
    t.filed += row.filed;
    t.receipted += row.receipted;
    totals.set(villageId, t);
  }
  const colours = current.villageCounts;
  const township = { id: tree.id, name: tree.name, children: tree.villages };
  const settings = tree.settings;
  return {
    township: { id: township.id, name: township.name, settings },
    roles: roles as TownshipRole[],
    villages: township.children.map((v) => {
      const c = colours.get(v.id) ?? { red: 0, yellow: 0, green: 0 };
      const level: AlertLevel = c.red > 0 ? "red" : c.yellow > 0 ? "yellow" : "green";
      return { id: v.id, name: v.name, cooperatives: v.cooperatives, ...(totals.get(v.id) ?? { matters: 0, filed: 0, receipted: 0 }), ...c, level };
    }),
    alerts: current.alerts,
    total: current.total,
    page,
    pageSize: ALERTS_PER_PAGE,
    withoutMatter: current.withoutMatter,
    filters,
    filtered: Object.keys(filters).length > 0,
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

export type TownshipSettingsPage = {
  township: { id: string; name: string };
  roles: TownshipRole[];
  settings: TownshipSettings;
  defaults: TownshipSettings;
  /** The range each alert threshold accepts (setTownshipSettings refuses anything outside it). */
  limits: Record<keyof AlertSettings, { min: number; max: number }>;
};

/** The township's settings as its settings page shows them: the stored values, the law's defaults and the limits. */
export async function townshipSettingsPage(viewer: Viewer, townshipId: string): Promise<TownshipSettingsPage> {
  const roles = await requireTownshipViewer(viewer, townshipId);
  const township = await currentDb().prisma.organization.findUniqueOrThrow({
    where: { id: townshipId },
    select: { id: true, name: true, townshipSettings: true },
  });
  const limits = Object.fromEntries(
    (Object.keys(DEFAULT_TOWNSHIP_SETTINGS.alerts) as (keyof AlertSettings)[]).map((field) => {
      const problem = alertSettings({ [field]: -1 }).problems[0];
      return [field, { min: problem?.min ?? 0, max: problem?.max ?? 0 }];
    }),
  ) as TownshipSettingsPage["limits"];
  return {
    township: { id: township.id, name: township.name },
    roles,
    settings: readTownshipSettings(township.townshipSettings),
    defaults: DEFAULT_TOWNSHIP_SETTINGS,
    limits,
  };
}
