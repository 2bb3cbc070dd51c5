import { requireOrgRole } from "../auth/permissions";
import { currentDb } from "../db";
import { AppError } from "../errors";
import { actorOf, type Viewer } from "./access";

/**
 * The supervisor console's reads: refused unless the viewer is a supervisor (村务监督委员会) of that organization.
 * Admins are refused too: DESIGN §4 gives the audit log and the evidence to supervisors.
 */
export async function requireSupervisor(viewer: Viewer | null, orgId: string): Promise<void> {
  if (!viewer) throw new AppError("unauthenticated", "login required");
  await requireOrgRole(currentDb().prisma, actorOf(viewer), orgId, ["supervisor"]);
}

export type SupervisedOrg = { id: string; name: string };

/** The organizations an account supervises (a township supervisor may hold several). */
export async function supervisedOrgs(accountId: string): Promise<SupervisedOrg[]> {
  const roles = await currentDb().prisma.orgRole.findMany({
    where: { accountId, role: "supervisor" },
    select: { org: { select: { id: true, name: true } } },
    orderBy: { orgId: "asc" },
  });
  return roles.map((r) => r.org);
}
