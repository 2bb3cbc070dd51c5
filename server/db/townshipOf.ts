/** The township above an organization, for the township's witness (server/witness/township.ts). Reads only. */
import { currentDb } from "./index";

/** The township above a village (its parent) or a cooperative (its village's parent); null for anything else. */
export async function townshipAbove(orgId: string): Promise<string | null> {
  const org = await currentDb().prisma.organization.findUnique({
    where: { id: orgId },
    select: { level: true, parent: { select: { id: true, level: true, parent: { select: { id: true, level: true } } } } },
  });
  if (org?.level === "village" && org.parent?.level === "township") return org.parent.id;
  if (org?.level === "cooperative" && org.parent?.level === "village" && org.parent.parent?.level === "township") return org.parent.parent.id;
  return null;
}

/** The township's name, or null when `townshipId` is not a township. */
export async function townshipNamed(townshipId: string): Promise<{ name: string } | null> {
  const org = await currentDb().prisma.organization.findUnique({ where: { id: townshipId }, select: { name: true, level: true } });
  return org?.level === "township" ? { name: org.name } : null;
}

/** Every township of the deployment. */
export async function townshipIds(): Promise<string[]> {
  const rows = await currentDb().prisma.organization.findMany({ where: { level: "township" }, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}
