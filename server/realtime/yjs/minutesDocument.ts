/**
 * One meeting's live minutes document in the server process: the Y.Doc (free text only), the awareness of the
 * editors connected to this node, the record blocks it accepts free text for, and the durable write queue.
 *
 * Every update an editor makes is stored (MinutesUpdate) at most FLUSH_DELAY_MS after it arrives, batched; a failed
 * write keeps the batch in memory and retries with back-off, "to avoid data loss" (as Hocuspocus does). Every
 * COMPACT_ROWS stored rows, and when the document is unloaded, the rows are folded into the snapshot (MinutesDoc).
 */

import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { compactStoredState, loadStoredState, snapshotTime, storeUpdate } from "../../minutes/documentStore";
import type { RecordBlock } from "../../minutes/recordBlocks";
import { errorFields, logger } from "../../ops/logger";
import { checkClientUpdate, type GuardResult } from "./updateGuard";

/** Edits older than one second must survive a crash (issue #7): write well within that. */
export const FLUSH_DELAY_MS = 150;
const COMPACT_ROWS = 200;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 8_000;

/** Where a change came from: the database, another node, the server itself (seed), or a client's socket. */
export const FROM_STORE = Symbol("store");
export const FROM_PEER = Symbol("peer");
export const FROM_SERVER = Symbol("server");
export class FromSocket {
  constructor(readonly socketId: string) {}
}
export type Origin = typeof FROM_STORE | typeof FROM_PEER | typeof FROM_SERVER | FromSocket;

/** How a document reaches the sockets of this node and the other nodes. */
export type Fanout = {
  localUpdate(meetingId: string, update: Uint8Array, exceptSocketId: string | null): void;
  localAwareness(meetingId: string, update: Uint8Array, exceptSocketId: string | null): void;
  peerUpdate(meetingId: string, update: Uint8Array): void;
  peerAwareness(meetingId: string, update: Uint8Array): void;
};

export class MinutesDocument {
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  blocks: RecordBlock[] = [];
  blockIds: ReadonlySet<string> = new Set();
  /** When the record blocks were last read from the database. */
  recordReadAt = 0;
  /** Sockets of this node in the document's room. */
  readonly sockets = new Set<string>();
  /** Awareness client ids each socket speaks for. */
  readonly awarenessOf = new Map<string, Set<number>>();
  private pending: Uint8Array[] = [];
  private outbox: { update: Uint8Array; socketId: string | null; isFromPeer: boolean }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private retryMs = RETRY_MIN_MS;
  private rowsSinceCompaction = 0;
  private lastRowId = 0;
  private snapshotAt: number | null = null;
  private destroyed = false;

  constructor(
    readonly meetingId: string,
    private readonly fanout: Fanout,
  ) {
    this.awareness = new Awareness(this.doc);
    // The server has no caret of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin as Origin));
    this.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwareness([...added, ...updated, ...removed], origin),
    );
  }

  /** Returns whether the blocks differ from those held before. */
  setRecord(blocks: RecordBlock[]): boolean {
    const isChanged = JSON.stringify(blocks) !== JSON.stringify(this.blocks);
    this.blocks = blocks;
    this.blockIds = new Set(blocks.map((b) => b.id));
    this.recordReadAt = Date.now();
    return isChanged;
  }

  /** An editor's update, checked first (updateGuard.ts); nothing is applied when the check fails. */
  applyClientUpdate(update: Uint8Array, socketId: string): GuardResult {
    const verdict = checkClientUpdate(this.doc, update, this.blockIds);
    if (verdict.ok && !verdict.isEmpty) Y.applyUpdate(this.doc, update, new FromSocket(socketId));
    return verdict;
  }

  /** An awareness update already rewritten for this socket (awarenessGuard.ts). */
  applyClientAwareness(update: Uint8Array, socketId: string): void {
    applyAwarenessUpdate(this.awareness, update, new FromSocket(socketId));
  }

  applyPeerAwareness(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, FROM_PEER);
  }

  /** A socket left: its carets disappear for everyone, on every node. */
  removeSocketAwareness(socketId: string): void {
    const ids = this.awarenessOf.get(socketId);
    if (ids && ids.size > 0) removeAwarenessStates(this.awareness, [...ids], new FromSocket(socketId));
    this.awarenessOf.delete(socketId);
  }

  /**
   * Applies the stored snapshot and rows: all of them when the document loads ("initial", nobody to tell) or when
   * another node rewrote the snapshot ("full"), else the rows since the last read ("rows"). Returns the rows read.
   */
  async loadFromStore(mode: "initial" | "full" | "rows"): Promise<number> {
    const stored = await loadStoredState(this.meetingId, mode === "rows" ? this.lastRowId : 0);
    Y.transact(
      this.doc,
      () => {
        for (const update of stored.updates) Y.applyUpdate(this.doc, update);
      },
      mode === "initial" ? FROM_STORE : FROM_PEER,
    );
    this.lastRowId = Math.max(this.lastRowId, stored.lastRowId);
    if (mode !== "rows") this.snapshotAt = stored.snapshotAt;
    this.rowsSinceCompaction += stored.rows;
    return stored.rows;
  }

  /** Several nodes: pick up what other nodes stored (a lost pub/sub message, a Redis outage). */
  async pollStore(): Promise<void> {
    const at = await snapshotTime(this.meetingId);
    await this.loadFromStore(at !== this.snapshotAt ? "full" : "rows");
  }

  private onUpdate(update: Uint8Array, origin: Origin): void {
    if (origin === FROM_STORE || this.destroyed) return;
    this.outbox.push({ update, socketId: origin instanceof FromSocket ? origin.socketId : null, isFromPeer: origin === FROM_PEER });
    if (this.outbox.length === 1) setImmediate(() => this.sendOutbox());
    if (origin === FROM_PEER) return;
    this.pending.push(update);
    this.schedule(FLUSH_DELAY_MS);
  }

  /**
   * Everything applied in one turn of the event loop goes out as one merged update: nothing waits when the server
   * keeps up, and when it falls behind (many keystrokes read at once) each socket gets one message, not many.
   * The editor a batch came from only gets it back when others' changes are in it too (Yjs ignores what it has).
   */
  private sendOutbox(): void {
    const batch = this.outbox;
    this.outbox = [];
    if (batch.length === 0 || this.destroyed) return;
    const merge = (updates: Uint8Array[]) => (updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
    const origins = new Set(batch.map((b) => b.socketId));
    this.fanout.localUpdate(this.meetingId, merge(batch.map((b) => b.update)), origins.size === 1 ? (batch[0]?.socketId ?? null) : null);
    const own = batch.filter((b) => !b.isFromPeer).map((b) => b.update);
    if (own.length > 0) this.fanout.peerUpdate(this.meetingId, merge(own));
  }

  private onAwareness(changed: number[], origin: unknown): void {
    // Remote states that time out are dropped by every client on its own; only real changes travel.
    if (changed.length === 0 || origin === "timeout" || origin === "local" || this.destroyed) return;
    const update = encodeAwarenessUpdate(this.awareness, changed);
    this.fanout.localAwareness(this.meetingId, update, origin instanceof FromSocket ? origin.socketId : null);
    if (origin !== FROM_PEER) this.fanout.peerAwareness(this.meetingId, update);
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null || this.writing !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  /** Stores what is pending as one row. Resolves when the write is done or failed (then a retry is scheduled). */
  flush(): Promise<void> {
    if (this.writing) return this.writing;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    const merged = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    this.writing = storeUpdate(this.meetingId, merged)
      .then(() => {
        this.retryMs = RETRY_MIN_MS;
        this.rowsSinceCompaction += 1;
      })
      .catch((error: unknown) => {
        // Keep the edits in memory and try again: a database hiccup must not lose the minutes.
        this.pending.unshift(merged);
        logger().error({ meetingId: this.meetingId, retryMs: this.retryMs, ...errorFields(error) }, "minutes: storing an update failed, retrying");
        this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
      })
      .finally(() => {
        this.writing = null;
        if (this.pending.length > 0) this.schedule(this.retryMs === RETRY_MIN_MS ? FLUSH_DELAY_MS : this.retryMs);
        else if (this.rowsSinceCompaction >= COMPACT_ROWS) void this.compact().catch(() => undefined);
      });
    return this.writing;
  }

  get hasPending(): boolean {
    return this.pending.length > 0 || this.writing !== null;
  }

  /** Writes until nothing is pending, or gives up after `attempts` failed writes (shutdown; the caller reports). */
  async drain(attempts = 5): Promise<boolean> {
    for (let i = 0; i < attempts && this.hasPending; i += 1) {
      await this.flush();
      if (this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(this.retryMs, 1_000)));
    }
    return !this.hasPending;
  }

  /**
   * Folds the stored rows into one snapshot of this node's document. Edits still waiting to be written are in the
   * document, so they are in the snapshot too (the row written for them later is redundant, never harmful); rows
   * and snapshots other nodes wrote are merged into the document first, so nothing of theirs is dropped.
   */
  async compact(): Promise<void> {
    if (this.destroyed) return;
    const rows = this.rowsSinceCompaction;
    this.rowsSinceCompaction = 0;
    try {
      this.snapshotAt = await compactStoredState(this.meetingId, this.snapshotAt, (updates) => {
        Y.transact(
          this.doc,
          () => {
            for (const update of updates) Y.applyUpdate(this.doc, update);
          },
          FROM_PEER,
        );
        return Y.encodeStateAsUpdate(this.doc);
      });
    } catch (error) {
      this.rowsSinceCompaction += rows;
      throw error;
    }
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer) clearTimeout(this.timer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
