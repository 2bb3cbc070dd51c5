/**
 * The minutes document store — the ONE part outside server/commands that writes to the database. Keystrokes in
 * the shared minutes (Yjs updates) arrive many times a second and are not decisions: each is stored as it comes,
 * without an audit entry; what the minutes say is fixed by the commands that sign off and freeze them
 * (server/commands/minutes), which hash the text into the audit log. Realtime (server/realtime/yjs) holds the live
 * documents and calls this store; it never touches the database itself.
 *
 * Durable storage of a minutes document: a compacted snapshot (MinutesDoc) plus the updates since (MinutesUpdate).
 * Loading applies both; Yjs merges idempotently, so an update stored twice (a retry after an unknown outcome, two
 * nodes) never duplicates text. Compaction folds the rows into the snapshot together with what the calling node
 * holds in memory, under a per-document advisory lock, so several nodes may compact the same document safely.
 */
import { currentDb } from "../db";

export type StoredState = { updates: Uint8Array[]; lastRowId: number; rows: number; snapshotAt: number | null };

const bytes = (update: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(update);

export async function loadStoredState(meetingId: string, afterRowId = 0): Promise<StoredState> {
  const { prisma } = currentDb();
  const [snapshot, rows] = await Promise.all([
    afterRowId === 0 ? prisma.minutesDoc.findUnique({ where: { meetingId }, select: { snapshot: true, updatedAt: true } }) : null,
    prisma.minutesUpdate.findMany({ where: { meetingId, id: { gt: afterRowId } }, orderBy: { id: "asc" }, select: { id: true, update: true } }),
  ]);
  const updates = [...(snapshot ? [snapshot.snapshot] : []), ...rows.map((r) => r.update)];
  return {
    updates,
    lastRowId: rows.length > 0 ? (rows[rows.length - 1] as { id: number }).id : afterRowId,
    rows: rows.length,
    snapshotAt: snapshot ? snapshot.updatedAt.getTime() : null,
  };
}

/** When the snapshot was last rewritten (by any node), to notice another node's compaction. */
export async function snapshotTime(meetingId: string): Promise<number | null> {
  const row = await currentDb().prisma.minutesDoc.findUnique({ where: { meetingId }, select: { updatedAt: true } });
  return row ? row.updatedAt.getTime() : null;
}

export async function storeUpdate(meetingId: string, update: Uint8Array): Promise<number> {
  const row = await currentDb().prisma.minutesUpdate.create({ data: { meetingId, update: bytes(update) }, select: { id: true } });
  return row.id;
}

/**
 * Folds every stored row into one snapshot of the calling node's document, and deletes the rows it covers. `absorb`
 * applies what the node may not hold yet — the rows, and the snapshot if another node rewrote it since
 * `knownSnapshotAt` — to the live document and returns its full state, which becomes the snapshot. Returns the new
 * snapshot's time.
 */
export async function compactStoredState(meetingId: string, knownSnapshotAt: number | null, absorb: (updates: Uint8Array[]) => Uint8Array): Promise<number> {
  const { prisma } = currentDb();
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`yishi-minutes:${meetingId}`}))`;
      const current = await tx.minutesDoc.findUnique({ where: { meetingId }, select: { updatedAt: true } });
      const isForeign = current !== null && current.updatedAt.getTime() !== knownSnapshotAt;
      const snapshot = isForeign ? await tx.minutesDoc.findUnique({ where: { meetingId }, select: { snapshot: true } }) : null;
      const rows = await tx.minutesUpdate.findMany({ where: { meetingId }, orderBy: { id: "asc" }, select: { id: true, update: true } });
      const state = absorb([...(snapshot ? [snapshot.snapshot] : []), ...rows.map((r) => r.update)]);
      const at = new Date();
      await tx.minutesDoc.upsert({
        where: { meetingId },
        create: { meetingId, snapshot: bytes(state), updatedAt: at },
        update: { snapshot: bytes(state), updatedAt: at },
      });
      // Exactly the rows read: a row another node commits meanwhile, even with a lower id, stays for the next round.
      if (rows.length > 0) await tx.minutesUpdate.deleteMany({ where: { meetingId, id: { in: rows.map((r) => r.id) } } });
      return at.getTime();
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}
