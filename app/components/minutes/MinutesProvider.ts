/**
 * The browser's (and the tests' and the benchmark's) side of the minutes sync: a Yjs provider on y-protocols over
 * the app's Socket.IO connection — not y-socket.io, which loses edits across nodes (DESIGN.md §1).
 *
 * On every (re)connect: join the room, send sync step 1, apply the server's step 2, then send the server exactly
 * what it lacks (edits made offline included). While synced, each local change goes out as an update; a refused or
 * lost update triggers the same handshake again, so nothing typed is lost to a flaky connection.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Socket } from "socket.io-client";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import { messageYjsSyncStep2, messageYjsUpdate, writeSyncStep1, writeUpdate } from "y-protocols/sync";
import * as Y from "yjs";
import {
  type AwarenessPush,
  decodeBytes,
  encodeBytes,
  type JoinReply,
  MINUTES_EVENTS,
  PART_CHARS,
  type RecordPush,
  type StatusPush,
  type SyncPush,
  type SyncReply,
} from "../../../server/minutes/protocol";

export type AckError = { code: string; message: string; details?: Record<string, unknown> };
type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export type ProviderEvents = {
  join: (reply: JoinReply) => void;
  synced: () => void;
  record: (blocks: JoinReply["blocks"]) => void;
  /** A version was finalized, signed or corrected. */
  status: () => void;
  connection: (connected: boolean) => void;
  error: (error: AckError) => void;
};

const REQUEST_TIMEOUT_MS = 10_000;
const RESYNC_DELAY_MS = 400;

/** A y-protocols message, base64-encoded for the wire (protocol.ts). */
function message(write: (encoder: encoding.Encoder) => void): string {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encodeBytes(encoding.toUint8Array(encoder));
}

export class MinutesProvider {
  readonly awareness: Awareness;
  joined: JoinReply | null = null;
  synced = false;
  private readonly listeners = new Map<keyof ProviderEvents, Set<(...args: never[]) => void>>();
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(
    readonly socket: Socket,
    readonly meetingId: string,
    readonly doc: Y.Doc = new Y.Doc(),
  ) {
    this.awareness = new Awareness(doc);
    doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
    socket.on("connect", this.onConnect);
    socket.on("disconnect", this.onDisconnect);
    socket.on(MINUTES_EVENTS.sync, this.onSync);
    socket.on(MINUTES_EVENTS.awareness, this.onRemoteAwareness);
    socket.on(MINUTES_EVENTS.record, this.onRecord);
    socket.on(MINUTES_EVENTS.status, this.onStatus);
    if (socket.connected) void this.handshake();
  }

  get canEdit(): boolean {
    return this.joined?.capabilities.canEdit === true;
  }

  on<E extends keyof ProviderEvents>(event: E, listener: ProviderEvents[E]): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (...args: never[]) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (...args: never[]) => void);
  }

  private emit<E extends keyof ProviderEvents>(event: E, ...args: Parameters<ProviderEvents[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: Parameters<ProviderEvents[E]>) => void)(...args);
  }

  /** A command over the socket: its data, or null after reporting the error to listeners. */
  async request<T>(event: string, payload: unknown): Promise<T | null> {
    try {
      const reply = (await this.socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, payload)) as Ack<T>;
      if (reply.ok) return reply.data;
      this.emit("error", reply.error);
    } catch {
      this.emit("error", { code: "unavailable", message: "no answer from the server" });
    }
    return null;
  }

  /** Join, exchange state both ways, then send the carets: after every connect and whenever something went missing. */
  async handshake(): Promise<void> {
    if (this.destroyed) return;
    this.synced = false;
    const joined = await this.request<JoinReply>(MINUTES_EVENTS.join, { meetingId: this.meetingId });
    if (!joined || this.destroyed) return;
    this.joined = joined;
    this.emit("join", joined);
    const step1 = message((encoder) => writeSyncStep1(encoder, this.doc));
    const reply = await this.request<SyncReply>(MINUTES_EVENTS.sync, { meetingId: this.meetingId, message: step1 });
    if (!reply || this.destroyed) return;
    if (reply.reply) this.applyMessage(decodeBytes(reply.reply));
    if (this.canEdit && reply.stateVector) {
      const missing = Y.encodeStateAsUpdate(this.doc, decodeBytes(reply.stateVector));
      const decoded = Y.decodeUpdate(missing);
      if (decoded.structs.length > 0 || decoded.ds.clients.size > 0) {
        const sent = await this.sendSync(
          message((encoder) => {
            encoding.writeVarUint(encoder, messageYjsSyncStep2);
            encoding.writeVarUint8Array(encoder, missing);
          }),
        );
        if (!sent) return this.scheduleResync();
      }
    }
    this.synced = true;
    this.emit("synced");
    if (this.canEdit && this.awareness.getLocalState() !== null) this.sendAwareness([this.doc.clientID]);
  }

  /** One sync message; a long one (an offline session's edits) goes in parts below the socket's frame limit. */
  private async sendSync(text: string): Promise<SyncReply | null> {
    if (text.length <= PART_CHARS) return this.request<SyncReply>(MINUTES_EVENTS.sync, { meetingId: this.meetingId, message: text });
    const id = `${this.doc.clientID}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const count = Math.ceil(text.length / PART_CHARS);
    let reply: SyncReply | null = null;
    for (let index = 0; index < count; index += 1) {
      const slice = text.slice(index * PART_CHARS, (index + 1) * PART_CHARS);
      reply = await this.request<SyncReply>(MINUTES_EVENTS.sync, { meetingId: this.meetingId, message: slice, part: { id, index, count } });
      if (!reply) return null;
    }
    return reply;
  }

  private applyMessage(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === messageYjsSyncStep2 || type === messageYjsUpdate) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), this);
  }

  private scheduleResync(): void {
    if (this.resyncTimer || this.destroyed) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      if (this.socket.connected) void this.handshake();
    }, RESYNC_DELAY_MS);
  }

  private sendAwareness(clients: number[]): void {
    if (!this.socket.connected || !this.synced || !this.canEdit) return;
    void this.request(MINUTES_EVENTS.awareness, { meetingId: this.meetingId, update: encodeBytes(encodeAwarenessUpdate(this.awareness, clients)) });
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Unsynced changes (offline, or during the handshake) travel in the next step 2 instead.
    if (origin === this || !this.synced || !this.canEdit || !this.socket.connected) return;
    void this.sendSync(message((e) => writeUpdate(e, update))).then((ok) => {
      if (!ok) this.scheduleResync();
    });
  };

  private readonly onAwarenessUpdate = (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === "local") this.sendAwareness([...change.added, ...change.updated, ...change.removed]);
  };

  private readonly onConnect = (): void => {
    this.emit("connection", true);
    void this.handshake();
  };

  private readonly onDisconnect = (): void => {
    this.synced = false;
    this.emit("connection", false);
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    removeAwarenessStates(this.awareness, others, this);
  };

  private readonly onSync = (push: SyncPush): void => {
    if (push.meetingId === this.meetingId) this.applyMessage(decodeBytes(push.message));
  };

  private readonly onRemoteAwareness = (push: AwarenessPush): void => {
    if (push.meetingId === this.meetingId) applyAwarenessUpdate(this.awareness, decodeBytes(push.update), this);
  };

  private readonly onRecord = (push: RecordPush): void => {
    if (push.meetingId !== this.meetingId || !this.joined) return;
    this.joined = { ...this.joined, blocks: push.blocks };
    this.emit("record", push.blocks);
  };

  /** A version was finalized, signed or corrected: rights and sign-off changed, so join again. */
  private readonly onStatus = (push: StatusPush): void => {
    if (push.meetingId !== this.meetingId) return;
    this.emit("status");
    void this.handshake();
  };

  destroy(): void {
    this.destroyed = true;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.socket.off("connect", this.onConnect);
    this.socket.off("disconnect", this.onDisconnect);
    this.socket.off(MINUTES_EVENTS.sync, this.onSync);
    this.socket.off(MINUTES_EVENTS.awareness, this.onRemoteAwareness);
    this.socket.off(MINUTES_EVENTS.record, this.onRecord);
    this.socket.off(MINUTES_EVENTS.status, this.onStatus);
    this.doc.off("update", this.onDocUpdate);
    // Takes the caret away (the update goes out while still joined), then leaves the room.
    this.awareness.destroy();
    if (this.socket.connected) this.socket.emit(MINUTES_EVENTS.leave, { meetingId: this.meetingId });
  }
}
