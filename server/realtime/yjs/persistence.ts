/**
 * Durable storage of a minutes document: a compacted snapshot (MinutesDoc) plus the updates since (MinutesUpdate).
 * Loading applies both; Yjs merges idempotently, so an update stored twice (a retry after an unknown outcome, two
 * nodes) never duplicates text. Compaction folds the rows into the snapshot together with what the calling node
 * holds in memory, under a per-document advisory lock, so several nodes may compact the same document safely.
 */
import * as Y from "yjs";
import { getRuntime } from "../../runtime";

export type StoredState = { updates: Uint8Array[]; lastRowId: number; rows: number; snapshotAt: number | null };

const bytes = (update: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(update);

export async function loadStoredState(meetingId: string, afterRowId = 0): Promise<StoredState> {
  const { prisma } = getRuntime().db;
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
  const row = await getRuntime().db.prisma.minutesDoc.findUnique({ where: { meetingId }, select: { updatedAt: true } });
  return row ? row.updatedAt.getTime() : null;
}

export async function storeUpdate(meetingId: string, update: Uint8Array): Promise<number> {
  const row = await getRuntime().db.prisma.minutesUpdate.create({ data: { meetingId, update: bytes(update) }, select: { id: true } });
  return row.id;
}

/**
 * Folds every stored row and `memoryState` into one snapshot and deletes the rows it covers. Returns the merged
 * state (which may hold rows written by other nodes that this node has not seen yet).
 */
export async function compactStoredState(meetingId: string, memoryState: Uint8Array): Promise<{ merged: Uint8Array; folded: number }> {
  const { prisma } = getRuntime().db;
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`yishi-minutes:${meetingId}`}))`;
      const snapshot = await tx.minutesDoc.findUnique({ where: { meetingId }, select: { snapshot: true } });
      const rows = await tx.minutesUpdate.findMany({ where: { meetingId }, orderBy: { id: "asc" }, select: { id: true, update: true } });
      const doc = new Y.Doc();
      try {
        if (snapshot) Y.applyUpdate(doc, snapshot.snapshot);
        for (const row of rows) Y.applyUpdate(doc, row.update);
        Y.applyUpdate(doc, memoryState);
        const merged = Y.encodeStateAsUpdate(doc);
        await tx.minutesDoc.upsert({
          where: { meetingId },
          create: { meetingId, snapshot: bytes(merged) },
          update: { snapshot: bytes(merged), updatedAt: new Date() },
        });
        const lastId = rows.length > 0 ? (rows[rows.length - 1] as { id: number }).id : 0;
        if (lastId > 0) await tx.minutesUpdate.deleteMany({ where: { meetingId, id: { lte: lastId } } });
        return { merged, folded: rows.length };
      } finally {
        doc.destroy();
      }
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}
