/**
 * What a township sees of its villages (issue #20): the villages and their cooperatives, matters by stage, filings
 * waiting for a receipt and pre-reviews waiting for a decision. Only the township's own admins, reviewers and
 * supervisors read it; another township's staff get `forbidden`, and nothing here reaches beyond the township's tree.
 */
import { orgRolesOf, townshipOf } from "../auth/permissions";
import { readTownshipSettings, type TownshipSettings } from "../domain/township/settings";
import { AppError } from "../errors";
import { getRuntime } from "../runtime";
import type { Viewer } from "./access";

export type TownshipRole = "admin" | "reviewer" | "supervisor";

async function requireTownshipViewer(viewer: Viewer, townshipId: string): Promise<TownshipRole[]> {
  const { prisma } = getRuntime().db;
  const township = await prisma.organization.findUnique({ where: { id: townshipId }, select: { level: true } });
  if (township?.level !== "township") throw new AppError("not_found", "township not found");
  const roles = await orgRolesOf(prisma, viewer.id, townshipId);
  if (roles.length === 0) throw new AppError("forbidden", "not of this township");
  return roles;
}

export type TownshipOverview = {
  township: { id: string; name: string; settings: TownshipSettings };
  roles: TownshipRole[];
  villages: { id: string; name: string; cooperatives: { id: string; name: string }[]; matters: number; filed: number; receipted: number }[];
  pendingReceipts: { matterId: string; title: string; orgName: string; filedAt: string }[];
  pendingPreReviews: { id: string; matterId: string; title: string; kind: string; amountYuan: number | null; orgName: string; requestedAt: string }[];
};

export async function townshipOverview(viewer: Viewer, townshipId: string): Promise<TownshipOverview> {
  const roles = await requireTownshipViewer(viewer, townshipId);
  const { prisma } = getRuntime().db;
  const township = await prisma.organization.findUniqueOrThrow({
    where: { id: townshipId },
    select: {
      id: true, name: true, townshipSettings: true,
      children: { where: { level: "village" }, orderBy: { name: "asc" }, select: { id: true, name: true, children: { orderBy: { name: "asc" }, select: { id: true, name: true } } } },
    },
  });
  const orgIds = township.children.flatMap((v) => [v.id, ...v.children.map((c) => c.id)]);
  const villageOf = new Map<string, string>();
  for (const v of township.children) {
    villageOf.set(v.id, v.id);
    for (const c of v.children) villageOf.set(c.id, v.id);
  }
  const [counts, pendingReceipts, pendingPreReviews] = await Promise.all([
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
  for (const row of counts) {
    const villageId = villageOf.get(row.orgId) as string;
    const t = totals.get(villageId) ?? { matters: 0, filed: 0, receipted: 0 };
    t.matters += row._count._all;
    t.filed += row._count.filedAt;
    t.receipted += row._count.filingReceiptAt;
    totals.set(villageId, t);
  }
  return {
    township: { id: township.id, name: township.name, settings: readTownshipSettings(township.townshipSettings) },
    roles: roles as TownshipRole[],
    villages: township.children.map((v) => ({ id: v.id, name: v.name, cooperatives: v.children, ...(totals.get(v.id) ?? { matters: 0, filed: 0, receipted: 0 }) })),
    pendingReceipts: pendingReceipts.map((m) => ({ matterId: m.id, title: m.title, orgName: m.org.name, filedAt: (m.filedAt as Date).toISOString() })),
    pendingPreReviews: pendingPreReviews.map((r) => ({
      id: r.id, matterId: r.matter.id, title: r.matter.title, kind: r.matter.kind, amountYuan: r.matter.amountYuan, orgName: r.matter.org.name, requestedAt: r.requestedAt.toISOString(),
    })),
  };
}

/** The townships the viewer works for (for the home page's link). */
export async function myTownships(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  const roles = await getRuntime().db.prisma.orgRole.findMany({
    where: { accountId: viewer.id, org: { level: "township" } },
    select: { org: { select: { id: true, name: true } } },
  });
  return [...new Map(roles.map((r) => [r.org.id, r.org])).values()];
}

export type MatterTownshipStatus = {
  filedAt: string | null;
  receipt: { at: string; by: string; seq: number } | null;
  preReview: { state: "requested" | "approved" | "returned"; reviewerName: string | null; reviewerTitle: string | null; decidedAt: string | null; reasons: string | null } | null;
  hasTownship: boolean;
};

/** A matter's filing and pre-review as its page, the live meeting and the minutes show them (已经镇街预审: who, when). */
export async function matterTownshipStatus(matterId: string): Promise<MatterTownshipStatus | null> {
  const { prisma } = getRuntime().db;
  const matter = await prisma.matter.findUnique({
    where: { id: matterId },
    select: {
      orgId: true, filedAt: true, filingReceiptAt: true, filingReceiptBy: true, filingReceiptSeq: true,
      preReviews: { orderBy: { requestedAt: "desc" }, take: 1, select: { state: true, reviewerName: true, reviewerTitle: true, decidedAt: true, reasons: true } },
    },
  });
  if (!matter) return null;
  const latest = matter.preReviews[0];
  return {
    filedAt: matter.filedAt?.toISOString() ?? null,
    receipt: matter.filingReceiptAt ? { at: matter.filingReceiptAt.toISOString(), by: matter.filingReceiptBy ?? "", seq: matter.filingReceiptSeq ?? 0 } : null,
    preReview: latest
      ? { state: latest.state as "requested" | "approved" | "returned", reviewerName: latest.reviewerName, reviewerTitle: latest.reviewerTitle, decidedAt: latest.decidedAt?.toISOString() ?? null, reasons: latest.reasons }
      : null,
    hasTownship: (await townshipOf(prisma, matter.orgId)) !== null,
  };
}
