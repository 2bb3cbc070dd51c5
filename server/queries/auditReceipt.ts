/**
 * A named voter's receipt (DESIGN.md §6, c2sp.org/tlog-proof): the log entry that recorded their counted choice on a
 * motion — the latest vote.cast / vote.changed whose data.voterPersonId is theirs — with its inclusion proof and the
 * signed checkpoint it proves into. Only that voter gets it; a secret ballot has no receipt of a choice here (its
 * voter keeps the ballot tracker instead). The receipt page (/r/<token>, receiptPage.ts) shows the same proof.
 */
import { type EntryProof, proofForEntry } from "../audit/proofs";
import { decodeEntry } from "../audit/verify.mjs";
import { currentDb } from "../db";
import { AppError } from "../errors";

export type ReceiptViewer = { id: string; personId: string | null } | null;

/** The log entry (organization and seq) of the viewer's counted named vote on the motion; not_found otherwise. */
export async function ownVoteEntry(viewer: ReceiptViewer, motionId: string): Promise<{ orgId: string; seq: number }> {
  if (!viewer) throw new AppError("unauthenticated", "login required");
  const { prisma } = currentDb();
  const motion = await prisma.motion.findUnique({ where: { id: motionId }, select: { meetingId: true, meeting: { select: { orgId: true } } } });
  // The same answer for "no such motion" and "not your vote": a receipt request reveals nothing about other voters.
  const none = new AppError("not_found", "you have no recorded named vote on this motion", { field: "motionId" });
  if (!motion || !viewer.personId) throw none;
  const rows = await prisma.auditEntry.findMany({
    where: { orgId: motion.meeting.orgId, meetingId: motion.meetingId, action: { in: ["vote.cast", "vote.changed"] } },
    orderBy: { seq: "desc" },
    select: { seq: true, bytes: true },
  });
  const mine = rows.find((row) => {
    try {
      const entry = decodeEntry(Buffer.from(row.bytes, "utf8"));
      return entry.object.id === motionId && entry.data.voterPersonId === viewer.personId;
    } catch {
      return false;
    }
  });
  if (!mine) throw none;
  return { orgId: motion.meeting.orgId, seq: mine.seq };
}

export async function voteReceipt(viewer: ReceiptViewer, motionId: string): Promise<EntryProof> {
  const { orgId, seq } = await ownVoteEntry(viewer, motionId);
  return proofForEntry(orgId, seq);
}
