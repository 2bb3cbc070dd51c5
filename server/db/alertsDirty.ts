/**
 * Something changed an organization's alert facts without an entry in its audit log — a checkpoint signed, a witness
 * refusing one —: its stored alerts (server/queries/alertStore.ts) are recomputed at the next read. Everything else
 * that changes the facts is a command, whose audit entry marks them the same way (server/audit/append.ts).
 */
import { currentDb } from "./index";

export async function markAlertsDirty(orgId: string): Promise<void> {
  // No snapshot yet: nothing to mark (the first read computes it).
  await currentDb().prisma.alertSnapshot.updateMany({ where: { orgId }, data: { dirty: { increment: 1 } } });
}
