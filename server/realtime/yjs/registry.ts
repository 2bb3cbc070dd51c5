/**
 * The open minutes documents of this node. A document is loaded when the first socket joins it (snapshot + stored
 * updates, then whatever other nodes hold), kept while sockets are in it, and unloaded — stored, compacted,
 * destroyed — when it has been idle for a while. Every hook the rest of the app calls (server/minutes/hooks.ts) is
 * implemented here, in the server process.
 */
import * as Y from "yjs";
import { AppError } from "../../errors";
import { type SeedFreeText, setMinutesHooks } from "../../minutes/hooks";
import { MINUTES_EVENTS } from "../../minutes/protocol";
import { buildRecordBlocks, type RecordBlock } from "../../minutes/recordBlocks";
import { errorFields, logger } from "../../ops/logger";
import { minutesRecordOf } from "../../queries/minutesLive";
import { getRuntime, hasRuntime } from "../../runtime";
import { emitLocal, emitToPeers, fanout, fromBase64, installPeerHandlers, type PeerMessage, pullFromPeers } from "./cluster";
import { appendParagraphs, freeTextOf } from "./freeText";
import { FROM_PEER, FROM_SERVER, MinutesDocument } from "./minutesDocument";

const UNLOAD_AFTER_MS = 30_000;
const POLL_MS = 5_000;
const RECORD_STALE_MS = 2_000;

const docs = new Map<string, MinutesDocument>();
const loading = new Map<string, Promise<MinutesDocument>>();
/** Documents being loaded: not handed to sockets yet, but other nodes' updates already apply to them. */
const arriving = new Map<string, MinutesDocument>();
const unloadTimers = new Map<string, NodeJS.Timeout>();
/** Bumped whenever a meeting's sign-off changes, so cached socket rights are re-read. */
const statusEpochs = new Map<string, number>();
let pollTimer: NodeJS.Timeout | null = null;
/** Set at shutdown: the database is about to close, so nothing unloads or compacts any more. */
let closing = false;

/** Folds stored rows into a snapshot. A failure loses nothing (the rows stay); at shutdown it is expected. */
function compactQuietly(document: MinutesDocument): Promise<void> {
  return document.compact().catch((error: unknown) => {
    if (!closing) logger().error({ meetingId: document.meetingId, ...errorFields(error) }, "minutes: compaction failed");
  });
}

export function statusEpoch(meetingId: string): number {
  return statusEpochs.get(meetingId) ?? 0;
}

async function readBlocks(meetingId: string): Promise<RecordBlock[] | null> {
  const data = await minutesRecordOf(meetingId);
  return data ? buildRecordBlocks(data) : null;
}

async function load(meetingId: string): Promise<MinutesDocument> {
  const blocks = await readBlocks(meetingId);
  if (!blocks) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
  const document = new MinutesDocument(meetingId, fanout);
  document.setRecord(blocks);
  // Other nodes' updates sent while this node loads are applied as they come (Yjs merges in any order); sockets
  // get the document only once it holds the stored state.
  arriving.set(meetingId, document);
  try {
    const rows = await document.loadFromStore("initial");
    for (const state of await pullFromPeers(meetingId, Y.encodeStateVector(document.doc))) Y.applyUpdate(document.doc, state, FROM_PEER);
    if (rows >= 200) void compactQuietly(document);
  } catch (error) {
    document.destroy();
    throw error;
  } finally {
    arriving.delete(meetingId);
  }
  docs.set(meetingId, document);
  ensurePolling();
  return document;
}

/** The live document of a meeting, loading it when needed; AppError("not_found") for an unknown meeting. */
export function openDocument(meetingId: string): Promise<MinutesDocument> {
  const server = hasRuntime() ? getRuntime().io : undefined;
  if (server) installPeerHandlers(server, peerHandlers);
  const open = docs.get(meetingId);
  if (open) return Promise.resolve(open);
  const pending = loading.get(meetingId);
  if (pending) return pending;
  const work = load(meetingId).finally(() => loading.delete(meetingId));
  loading.set(meetingId, work);
  return work;
}

export function attachSocket(document: MinutesDocument, socketId: string): void {
  document.sockets.add(socketId);
  const timer = unloadTimers.get(document.meetingId);
  if (timer) {
    clearTimeout(timer);
    unloadTimers.delete(document.meetingId);
  }
}

export function detachSocket(document: MinutesDocument, socketId: string): void {
  document.sockets.delete(socketId);
  document.awarenessOf.delete(socketId);
  if (document.sockets.size === 0) scheduleUnload(document.meetingId, UNLOAD_AFTER_MS);
}

function scheduleUnload(meetingId: string, delayMs: number): void {
  if (closing || unloadTimers.has(meetingId)) return;
  const timer = setTimeout(() => {
    unloadTimers.delete(meetingId);
    void unload(meetingId);
  }, delayMs);
  timer.unref();
  unloadTimers.set(meetingId, timer);
}

async function unload(meetingId: string): Promise<void> {
  const document = docs.get(meetingId);
  if (closing || !document || document.sockets.size > 0) return;
  if (!(await document.drain(3))) {
    scheduleUnload(meetingId, UNLOAD_AFTER_MS);
    return;
  }
  if (closing) return;
  await compactQuietly(document);
  if (document.sockets.size > 0 || document.hasPending) return;
  docs.delete(meetingId);
  document.destroy();
}

/** With several nodes, each open document also reads what others stored, in case a pub/sub message was lost. */
function ensurePolling(): void {
  if (closing || pollTimer || !hasRuntime() || !getRuntime().config.redisUrl) return;
  pollTimer = setInterval(() => {
    for (const document of docs.values()) {
      if (document.sockets.size > 0) void document.pollStore().catch(() => undefined);
    }
  }, POLL_MS);
  pollTimer.unref();
}

async function recordChanged(meetingId: string, fromPeer: boolean): Promise<void> {
  if (!fromPeer) emitToPeers({ kind: "record", meetingId });
  const document = docs.get(meetingId);
  if (!document) return;
  const blocks = await readBlocks(meetingId);
  if (!blocks) return;
  document.setRecord(blocks);
  emitLocal(meetingId, MINUTES_EVENTS.record, { meetingId, blocks });
}

/**
 * Some record facts change without an event (a speaker granted the floor, an agenda edit): a join re-reads the
 * blocks when they are more than a moment old, and everyone in the room gets them if they changed.
 */
export async function refreshStaleRecord(document: MinutesDocument): Promise<void> {
  if (Date.now() - document.recordReadAt < RECORD_STALE_MS) return;
  const blocks = await readBlocks(document.meetingId);
  if (blocks && document.setRecord(blocks)) emitLocal(document.meetingId, MINUTES_EVENTS.record, { meetingId: document.meetingId, blocks });
}

async function statusChanged(meetingId: string, fromPeer: boolean): Promise<void> {
  if (!fromPeer) emitToPeers({ kind: "status", meetingId });
  statusEpochs.set(meetingId, statusEpoch(meetingId) + 1);
  emitLocal(meetingId, MINUTES_EVENTS.status, { meetingId });
}

const peerHandlers = {
  onMessage(message: PeerMessage): void {
    const document = docs.get(message.meetingId) ?? arriving.get(message.meetingId);
    if (message.kind === "record") void recordChanged(message.meetingId, true).catch(() => undefined);
    else if (message.kind === "status") void statusChanged(message.meetingId, true);
    else if (document && message.kind === "update") Y.applyUpdate(document.doc, fromBase64(message.data), FROM_PEER);
    else if (document && message.kind === "awareness") document.applyPeerAwareness(fromBase64(message.data));
  },
  onPull(meetingId: string, stateVector: Uint8Array): Uint8Array | null {
    const document = docs.get(meetingId);
    return document ? Y.encodeStateAsUpdate(document.doc, stateVector) : null;
  },
};

/**
 * Shutdown: stops the idle unloads and the polling (they would reach a closed database), stores every edit and
 * closes the documents.
 */
export async function flushAllDocuments(): Promise<void> {
  closing = true;
  for (const timer of unloadTimers.values()) clearTimeout(timer);
  unloadTimers.clear();
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
  const results = await Promise.all([...docs.values()].map(async (d) => ({ id: d.meetingId, ok: await d.drain(5) })));
  for (const r of results) if (!r.ok) logger().error({ meetingId: r.id }, "minutes: edits could not be stored before shutdown");
  // Their awareness timers would keep a CLI tool (the seed) running after its work is done.
  for (const document of docs.values()) document.destroy();
  docs.clear();
}

async function writeFreeText(meetingId: string, freeText: SeedFreeText): Promise<void> {
  const document = await openDocument(meetingId);
  const entries = typeof freeText === "string" ? [["header", freeText] as const] : Object.entries(freeText);
  for (const [blockId, text] of entries) {
    if (!document.blockIds.has(blockId)) throw new AppError("invalid_input", `no record block ${blockId}`, { field: "freeText" });
    appendParagraphs(document.doc, blockId, text, FROM_SERVER);
  }
  if (!(await document.drain(5))) throw new AppError("unavailable", "the minutes could not be stored");
  if (document.sockets.size === 0) scheduleUnload(meetingId, UNLOAD_AFTER_MS);
}

/** The free text per block, read from the live document (loaded for the purpose if no one has it open). */
export async function documentFreeText(meetingId: string): Promise<Record<string, string>> {
  const document = await openDocument(meetingId);
  const blocks = await readBlocks(meetingId);
  if (blocks) document.setRecord(blocks);
  if (document.sockets.size === 0) scheduleUnload(meetingId, UNLOAD_AFTER_MS);
  return freeTextOf(
    document.doc,
    document.blocks.map((b) => b.id),
  );
}

/**
 * Other nodes may ask this node for a document before any socket connected to it: listen as soon as Socket.IO runs
 * (it starts after the database and the seed). A process that never starts it (a CLI tool) stops looking.
 */
function installPeerHandlersWhenReady(): void {
  const startedAt = Date.now();
  const timer = setInterval(() => {
    const server = hasRuntime() ? getRuntime().io : undefined;
    if (server) installPeerHandlers(server, peerHandlers);
    if (server || Date.now() - startedAt > 10 * 60_000) clearInterval(timer);
  }, 100);
  timer.unref();
}

installPeerHandlersWhenReady();

setMinutesHooks({
  recordChanged: (meetingId) => recordChanged(meetingId, false),
  statusChanged: (meetingId) => statusChanged(meetingId, false),
  flushAll: flushAllDocuments,
  writeFreeText,
  freeText: documentFreeText,
});
