/**
 * The receipt page's data (/r/<token>, issue #19): a named vote's entry, its inclusion proof, the signed checkpoint
 * and the keys to check them with, for the browser to verify offline (server/domain/proof).
 *
 * The page is capability-based: whoever holds the link (the voter, or whom they show the QR code) may open it, and
 * no one can find one without it. The token is `<orgId>.<seq>.<mac>` where mac = HMAC-SHA256 under a key derived
 * from NEXTAUTH_SECRET over (orgId, seq), first 128 bits, base64url. Nothing is stored; a forged or altered token
 * fails the MAC (compared in constant time) and gets the same not_found as a token for an entry that is not a named
 * vote, so a wrong token reveals nothing. Leaf hashes are not used as tokens: they appear in other proofs (as
 * siblings on the audit path) and in exported bundles, so they are not secret. Changing NEXTAUTH_SECRET invalidates
 * old links; the voter's phone always shows the current one, and the .tlog-proof file does not depend on it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { auditSigner } from "../audit/auditSigner";
import { proofForEntry } from "../audit/proofs";
import { logOrigin } from "../audit/store";
import { decodeEntry } from "../audit/verify.mjs";
import { configuredWitnesses } from "../audit/witnessing";
import { ensureAuthSecret } from "../config";
import { currentDb } from "../db";
import { AppError } from "../errors";
import { getRuntime } from "../runtime";
import { ownVoteEntry, type ReceiptViewer } from "./auditReceipt";

const VOTE_ACTIONS = new Set(["vote.cast", "vote.changed"]);
const ORG_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const TOKEN_RE = /^([A-Za-z0-9_-]{1,64})\.(0|[1-9][0-9]{0,14})\.([A-Za-z0-9_-]{22})$/;

function receiptKey(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET || ensureAuthSecret(getRuntime().config.dataDir);
  return createHmac("sha256", secret).update("yishi receipt link v1").digest();
}

function mac(orgId: string, seq: number): Buffer {
  return createHmac("sha256", receiptKey()).update(`${orgId}\n${seq}`).digest().subarray(0, 16);
}

/** The unguessable token of the receipt page of entry `seq` in the organization's log. */
export function receiptToken(orgId: string, seq: number): string {
  if (!ORG_ID_RE.test(orgId) || !Number.isSafeInteger(seq) || seq < 0) throw new TypeError("not a log entry");
  return `${orgId}.${seq}.${mac(orgId, seq).toString("base64url")}`;
}

/** The (orgId, seq) a token was made for, or null when it is malformed or its MAC does not match. */
export function openReceiptToken(token: string): { orgId: string; seq: number } | null {
  const match = TOKEN_RE.exec(typeof token === "string" ? token : "");
  if (!match) return null;
  const [, orgId, seqText, given] = match;
  const seq = Number(seqText);
  // Compared as text, not as decoded bytes: the last of 22 base64url characters carries 4 unused bits, so a
  // decoder accepts several spellings of one MAC; only the one this server writes opens the page.
  const expected = Buffer.from(mac(orgId, seq).toString("base64url"));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? { orgId, seq } : null;
}

/** The receipt page's path for the viewer's counted named vote on the motion (only that voter gets it). */
export async function voteReceiptPath(viewer: ReceiptViewer, motionId: string): Promise<string> {
  const { orgId, seq } = await ownVoteEntry(viewer, motionId);
  return `/r/${receiptToken(orgId, seq)}`;
}

export type ReceiptPageData = {
  /** The whole c2sp.org/tlog-proof text (entry, index, proof, checkpoint with cosignatures). */
  proof: string;
  /** The log's verifier keys (several during a key rotation). */
  logKeys: string[];
  /** The witnesses this server trusts (their cosignatures are checked; others ignored). */
  witnessKeys: string[];
  /** When this server signed the checkpoint (its own record; the witnesses' times are signed). */
  checkpointSignedAt: Date;
  meetingTitle: string;
  /** The meeting's number, e.g. 2026年第3次. */
  meetingNumber: string;
  /** The agenda item's title and the motion's text. */
  itemTitle: string;
  motionText: string;
  voterName: string;
};

/** The receipt page for a token; not_found for any token that is not a valid link to a named vote's entry. */
export async function receiptPage(token: string): Promise<ReceiptPageData> {
  const none = new AppError("not_found", "no such receipt");
  const opened = openReceiptToken(token);
  if (!opened) throw none;
  const { prisma } = currentDb();
  const row = await prisma.auditEntry.findUnique({ where: { orgId_seq: opened }, select: { bytes: true, action: true } });
  if (!row || !VOTE_ACTIONS.has(row.action)) throw none;
  const entry = decodeEntry(Buffer.from(row.bytes, "utf8"));
  const voterId = entry.data.voterPersonId;
  if (typeof voterId !== "string") throw none;
  const proof = await proofForEntry(opened.orgId, opened.seq);
  const [motion, voter, checkpoint, origin] = await Promise.all([
    prisma.motion.findUnique({
      where: { id: entry.object.id },
      select: { text: true, item: { select: { title: true } }, meeting: { select: { title: true, number: true } } },
    }),
    prisma.person.findUnique({ where: { id: voterId }, select: { name: true } }),
    prisma.auditCheckpoint.findUnique({ where: { orgId_size: { orgId: opened.orgId, size: proof.checkpointSize } }, select: { createdAt: true } }),
    logOrigin(opened.orgId),
  ]);
  if (!motion || !checkpoint) throw none;
  return {
    proof: proof.text,
    logKeys: auditSigner().vkeys(origin),
    witnessKeys: configuredWitnesses().map((w) => w.vkey),
    checkpointSignedAt: checkpoint.createdAt,
    meetingTitle: motion.meeting.title,
    meetingNumber: motion.meeting.number,
    itemTitle: motion.item.title,
    motionText: motion.text,
    voterName: voter?.name ?? "",
  };
}
