/**
 * The township's own witness (issue #21 item 3), for its staff: its verifier key on the township page, and the
 * evidence of a split view (both checkpoints and the failed proof) on /orgs/[orgId]/witness, which the red alert
 * links to. Reads only; the witness's evidence comes from its own store (server/queries/splitViews.ts).
 */
import { localWitnessHost } from "../audit/localWitness";
import { orgRolesOf, requireOrgRole, requireTownshipRoleOver, townshipOf } from "../auth/permissions";
import { currentDb } from "../db";
import { AppError } from "../errors";
import { actorOf, type Viewer } from "./access";
import { type SplitViewDetail, splitViewsOf } from "./splitViews";

export type TownshipWitnessKey = { name: string; vkey: string };

/** The township witness's key name and vkey, for the staff of that township; null when this deployment runs none. */
export async function townshipWitnessKey(viewer: Viewer, townshipId: string): Promise<TownshipWitnessKey | null> {
  const { prisma } = currentDb();
  const township = await prisma.organization.findUnique({ where: { id: townshipId }, select: { level: true } });
  if (township?.level !== "township") throw new AppError("not_found", "township not found");
  if ((await orgRolesOf(prisma, viewer.id, townshipId)).length === 0) throw new AppError("forbidden", "not of this township");
  const witness = await localWitnessHost()?.witnessOfTownship(townshipId);
  return witness ? { name: witness.name, vkey: witness.vkey } : null;
}

export type WitnessEvidencePage = {
  org: { id: string; name: string };
  township: { id: string; name: string } | null;
  witness: TownshipWitnessKey | null;
  splitViews: SplitViewDetail[];
};

/**
 * What the township's witness refused for one village or cooperative, with the refused and the cosigned checkpoint
 * notes as kept. For the organization's admin and supervisors, and the staff of the township above it.
 */
export async function witnessEvidencePage(viewer: Viewer | null, orgId: string): Promise<WitnessEvidencePage> {
  if (!viewer) throw new AppError("unauthenticated", "login required");
  const { prisma } = currentDb();
  await requireOrgRole(prisma, actorOf(viewer), orgId, ["admin", "supervisor"]).catch(async (refused: unknown) => {
    if (!(await townshipOf(prisma, orgId))) throw refused;
    await requireTownshipRoleOver(prisma, actorOf(viewer), orgId, ["admin", "reviewer", "supervisor"]);
  });
  const org = await prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true } });
  if (!org) throw new AppError("not_found", "organization not found");
  const above = await townshipOf(prisma, orgId);
  const township = above ? await prisma.organization.findUnique({ where: { id: above.townshipId }, select: { id: true, name: true } }) : null;
  const witness = await localWitnessHost()?.witnessFor(orgId);
  return {
    org,
    township,
    witness: witness ? { name: witness.name, vkey: witness.vkey } : null,
    splitViews: (await splitViewsOf([orgId])).get(orgId) ?? [],
  };
}
