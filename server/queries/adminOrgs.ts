import { currentDb } from "../db";
import { requireAdmin, type Viewer } from "./access";

export type AdminOrgLink = { id: string; name: string; level: "township" | "village" | "cooperative"; isAdmin: boolean };
export type AdminHomeOrg = AdminOrgLink & { parent: AdminOrgLink | null; children: AdminOrgLink[] };

/**
 * The organizations the viewer administers, each with its cooperatives (a village) or its village (a
 * cooperative). Related organizations the viewer does not administer are listed without a link: roles do not flow.
 */
export async function adminHome(viewer: Viewer): Promise<AdminHomeOrg[]> {
  const { prisma } = currentDb();
  const roles = await prisma.orgRole.findMany({ where: { accountId: viewer.id, role: "admin" }, select: { orgId: true } });
  const adminOf = new Set(roles.map((r) => r.orgId));
  const orgs = await prisma.organization.findMany({
    where: { id: { in: [...adminOf] } },
    orderBy: [{ level: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      level: true,
      parent: { select: { id: true, name: true, level: true } },
      children: { orderBy: { createdAt: "asc" }, select: { id: true, name: true, level: true } },
    },
  });
  const link = (o: { id: string; name: string; level: "township" | "village" | "cooperative" }): AdminOrgLink => ({ ...o, isAdmin: adminOf.has(o.id) });
  return orgs.map((o) => ({ ...link(o), parent: o.parent ? link(o.parent) : null, children: o.children.map(link) }));
}

export type AdminOrgSummary = AdminOrgLink & {
  noticeDays: number;
  parent: AdminOrgLink | null;
  counts: { households: number; people: number; bodies: number; meetings: number; matters: number };
  auditSize: number;
};

export async function adminOrgSummary(viewer: Viewer, orgId: string): Promise<AdminOrgSummary> {
  await requireAdmin(viewer, orgId);
  const { prisma } = currentDb();
  const org = await prisma.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: {
      id: true,
      name: true,
      level: true,
      noticeDays: true,
      parent: { select: { id: true, name: true, level: true } },
      _count: { select: { households: true, bodies: true, meetings: true, matters: true } },
    },
  });
  const [people, auditSize, parentAdmin] = await Promise.all([
    prisma.person.count({ where: { orgId, deletedAt: null } }),
    prisma.auditEntry.count({ where: { orgId } }),
    org.parent ? prisma.orgRole.count({ where: { accountId: viewer.id, orgId: org.parent.id, role: "admin" } }) : Promise.resolve(0),
  ]);
  return {
    id: org.id,
    name: org.name,
    level: org.level,
    isAdmin: true,
    noticeDays: org.noticeDays,
    parent: org.parent ? { ...org.parent, isAdmin: parentAdmin > 0 } : null,
    counts: { ...org._count, people },
    auditSize,
  };
}
