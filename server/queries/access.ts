import { type Actor, accountActor } from "../auth/actor";
import { requireOrgRole } from "../auth/permissions";
import { currentDb } from "../db";

export type Viewer = { id: string; name: string };

export function actorOf(viewer: Viewer): Actor {
  return accountActor(viewer.id, viewer.name);
}

/** Reads for the admin pages: refused with `forbidden` unless the viewer is an admin of that organization. */
export async function requireAdmin(viewer: Viewer, orgId: string): Promise<void> {
  await requireOrgRole(currentDb().prisma, actorOf(viewer), orgId, ["admin"]);
}
