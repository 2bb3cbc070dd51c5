/**
 * Reading an organization's audit log back from the database: entries as their exact stored bytes (never
 * re-serialized: JSONB would reorder keys, DESIGN.md §1), leaf hashes and signed checkpoints, all in seq / size order.
 * Writing is append.ts (entries) and checkpointNow.ts (checkpoints); nothing here changes a row.
 */
import type { PrismaClient } from "../../generated/prisma/client";
import type { Tx } from "../db";
import { currentDb } from "../db";
import { getRuntime } from "../runtime";
import { auditOrigin, readCheckpoint } from "./checkpoint";

type Db = PrismaClient | Tx;

/** Rows read per query when walking a whole log: a million-entry log is read in bounded pieces. */
const PAGE = 5_000;

/**
 * Host part of every log origin (`<host>/org/<orgId>`): the host of YISHI_PUBLIC_ORIGIN when set, else this stable
 * default. An organization's origin is fixed by its first checkpoint (see logOrigin), so changing the variable
 * later does not split a log between two names.
 */
export const DEFAULT_AUDIT_HOST = "yishi.local";

export function auditHost(publicOrigin: string | undefined = getRuntime().config.publicOrigin): string {
  if (publicOrigin) {
    try {
      const host = new URL(publicOrigin).host.toLowerCase();
      if (host !== "") return host;
    } catch {
      // config.ts already refuses a malformed URL; fall back rather than fail to sign.
    }
  }
  return DEFAULT_AUDIT_HOST;
}

/** The origin of an organization's log: the one its first checkpoint named, else `<auditHost()>/org/<orgId>`. */
export async function logOrigin(orgId: string, db: Db = prismaOf()): Promise<string> {
  const first = await db.auditCheckpoint.findFirst({ where: { orgId }, orderBy: { size: "asc" }, select: { note: true } });
  return first ? readCheckpoint(first.note).origin : auditOrigin(auditHost(), orgId);
}

export type StoredEntry = { seq: number; bytes: Buffer; leafHash: string };

/** One page of entries with seq ≥ fromSeq, in seq order. */
export async function readEntryPage(orgId: string, fromSeq: number, take: number = PAGE, db: Db = prismaOf()): Promise<StoredEntry[]> {
  const rows = await db.auditEntry.findMany({
    where: { orgId, seq: { gte: fromSeq } },
    orderBy: { seq: "asc" },
    take,
    select: { seq: true, bytes: true, leafHash: true },
  });
  return rows.map((row) => ({ seq: row.seq, bytes: Buffer.from(row.bytes, "utf8"), leafHash: row.leafHash }));
}

/**
 * Every entry of the log from `fromSeq`, in seq order, page by page. Rows are yielded as stored: a gap or a swapped
 * row shows up downstream (the verifier names the seq), it is not papered over here.
 */
export async function* streamEntries(orgId: string, fromSeq = 0, db: Db = prismaOf()): AsyncGenerator<StoredEntry> {
  let next = fromSeq;
  for (;;) {
    const page = await readEntryPage(orgId, next, PAGE, db);
    if (page.length === 0) return;
    yield* page;
    next = (page[page.length - 1] as StoredEntry).seq + 1;
    if (page.length < PAGE) return;
  }
}

/** The exact bytes of every entry, for an export's entries.jsonl. */
export async function* streamEntryBytes(orgId: string, db: Db = prismaOf()): AsyncGenerator<Buffer> {
  for await (const entry of streamEntries(orgId, 0, db)) yield entry.bytes;
}

/** Stored leaf hashes from seq 0, in seq order, with the seq each row claims (a tampered table may have gaps). */
export async function readLeafHashes(orgId: string, db: Db = prismaOf()): Promise<{ seqs: number[]; hashes: Buffer[] }> {
  const seqs: number[] = [];
  const hashes: Buffer[] = [];
  let next = 0;
  for (;;) {
    const rows = await db.auditEntry.findMany({
      where: { orgId, seq: { gte: next } },
      orderBy: { seq: "asc" },
      take: PAGE * 4,
      select: { seq: true, leafHash: true },
    });
    for (const row of rows) {
      seqs.push(row.seq);
      hashes.push(Buffer.from(row.leafHash, "hex"));
    }
    if (rows.length < PAGE * 4) return { seqs, hashes };
    next = (rows[rows.length - 1] as { seq: number }).seq + 1;
  }
}

export type StoredCheckpoint = { orgId: string; size: number; rootHash: string; note: string; createdAt: Date };

/** Every signed checkpoint of the log, smallest tree first. */
export async function readCheckpoints(orgId: string, db: Db = prismaOf()): Promise<StoredCheckpoint[]> {
  return db.auditCheckpoint.findMany({ where: { orgId }, orderBy: { size: "asc" } });
}

/** The checkpoint with the largest tree, or null before the first one is signed. */
export async function latestCheckpoint(orgId: string, db: Db = prismaOf()): Promise<StoredCheckpoint | null> {
  return db.auditCheckpoint.findFirst({ where: { orgId }, orderBy: { size: "desc" } });
}

function prismaOf(): PrismaClient {
  return currentDb().prisma;
}
