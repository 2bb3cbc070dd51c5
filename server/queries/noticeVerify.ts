/**
 * The public verification of a notice (/n/<org>/<notice>/verify, the printed notice's QR code): the latest signed
 * checkpoint of the organization's audit log and, for each entry behind the notice — the decision vote's
 * `vote.closed` and `vote.result`, and the notice's own `notice.published` — its position, leaf hash and RFC 9162
 * inclusion proof, checked here before it is shown. Plain data: anyone can recompute the root from the hashes, and a
 * supervisor can check the same entries offline in an export bundle (verify.mjs). Entry bytes are not shown: they
 * name the officials who acted, and the public page needs only the hashes.
 */

import { readCheckpoint } from "../audit/checkpoint";
import { checkpointNow } from "../audit/checkpointNow";
import { inclusionProof, leafHash, verifyInclusion } from "../audit/merkle";
import { latestCheckpoint, readLeafHashes } from "../audit/store";
import { decodeEntry } from "../audit/verify.mjs";
import { currentDb } from "../db";
import { AppError } from "../errors";
import { errorFields, logger } from "../ops/logger";

export type VerifiedEntry = { action: string; seq: number; ts: string; leafHash: string; path: string[]; isIncluded: boolean };

export type NoticeVerification = {
  org: { id: string; name: string };
  notice: { id: string; title: string; kind: string; postedAt: Date };
  checkpoint: { note: string; size: number; rootHash: string; createdAt: Date } | null;
  entries: VerifiedEntry[];
  /** Does the notice's text on this site equal the text recorded in its notice.published entry? */
  textMatchesLog: boolean | null;
};

export async function noticeVerification(orgId: string, noticeId: string): Promise<NoticeVerification> {
  const { prisma } = currentDb();
  const notice = await prisma.notice.findUnique({
    where: { id: noticeId },
    select: { id: true, orgId: true, title: true, body: true, kind: true, postedAt: true, motionId: true, org: { select: { id: true, name: true } } },
  });
  if (!notice || notice.orgId !== orgId) throw new AppError("not_found", "notice not found");
  const rows = await prisma.auditEntry.findMany({
    where: { orgId, action: { in: ["notice.published", "vote.closed", "vote.result"] } },
    orderBy: { seq: "asc" },
    select: { seq: true, bytes: true, leafHash: true, action: true },
  });
  const wanted = rows
    .map((row) => ({ row, entry: decodeEntry(Buffer.from(row.bytes, "utf8")) }))
    .filter(({ entry }) =>
      entry.action === "notice.published" ? entry.object.id === notice.id : notice.motionId !== null && entry.object.id === notice.motionId,
    );
  const published = wanted.find(({ entry }) => entry.action === "notice.published")?.entry;
  const textMatchesLog = published ? published.data.title === notice.title && published.data.body === notice.body : null;

  let checkpoint = await latestCheckpoint(orgId);
  const last = Math.max(-1, ...wanted.map((w) => w.row.seq));
  if (last >= 0 && (!checkpoint || checkpoint.size <= last)) {
    // Normally signed right after publishing (server/listeners/publish.ts); this covers a failure then.
    await checkpointNow(orgId).catch((error: unknown) => logger().error({ orgId, ...errorFields(error) }, "checkpoint for notice verification failed"));
    checkpoint = await latestCheckpoint(orgId);
  }
  const { hashes } = checkpoint ? await readLeafHashes(orgId) : { hashes: [] as Buffer[] };
  const root = checkpoint ? readCheckpoint(checkpoint.note).root : null;
  const size = checkpoint?.size ?? 0;
  const entries = wanted.map(({ row, entry }): VerifiedEntry => {
    // The leaf is hashed again from the stored bytes: a proof for a stored hash that no longer matches its entry fails.
    const leaf = leafHash(Buffer.from(row.bytes, "utf8"));
    const path = root !== null && row.seq < size ? inclusionProof(row.seq, hashes, size) : null;
    return {
      action: row.action,
      seq: row.seq,
      ts: entry.ts,
      leafHash: leaf.toString("hex"),
      path: (path ?? []).map((hash) => hash.toString("hex")),
      isIncluded: path !== null && root !== null && verifyInclusion(row.seq, size, leaf, path, root),
    };
  });
  return {
    org: notice.org,
    notice: { id: notice.id, title: notice.title, kind: notice.kind, postedAt: notice.postedAt },
    checkpoint: checkpoint ? { note: checkpoint.note, size: checkpoint.size, rootHash: checkpoint.rootHash, createdAt: checkpoint.createdAt } : null,
    entries,
    textMatchesLog,
  };
}
