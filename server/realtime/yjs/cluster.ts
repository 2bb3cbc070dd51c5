/**
 * How a minutes document reaches sockets and other nodes. Each node sends only to its own sockets
 * (`io.local`); other nodes get every change through `serverSideEmit` with base64 payloads (the Redis adapter
 * JSON-encodes them) and pass it on to theirs. So a node's clients only ever receive what the node's document holds.
 * Without REDIS_URL there are no other nodes, and nothing is emitted to them (the in-memory adapter cannot).
 */

import * as encoding from "lib0/encoding";
import type { Server } from "socket.io";
import { writeUpdate } from "y-protocols/sync";
import { encodeBytes, MINUTES_EVENTS, minutesRoom } from "../../minutes/protocol";
import { errorFields, logger } from "../../ops/logger";
import { getRuntime, hasRuntime } from "../../runtime";
import type { Fanout } from "./minutesDocument";

export const PEER_EVENT = "minutes:peer";
export const PULL_EVENT = "minutes:pull";
const PULL_TIMEOUT_MS = 1_500;

export type PeerMessage =
  | { kind: "update"; meetingId: string; data: string }
  | { kind: "awareness"; meetingId: string; data: string }
  | { kind: "record"; meetingId: string }
  | { kind: "status"; meetingId: string };

export const toBase64 = (data: Uint8Array): string => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"));

function io(): Server | undefined {
  return hasRuntime() ? getRuntime().io : undefined;
}

function isClustered(): boolean {
  return hasRuntime() && Boolean(getRuntime().config.redisUrl);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Emits to this node's sockets in the document's room, but the one the change came from. */
export function emitLocal(meetingId: string, event: string, payload: unknown, exceptSocketId: string | null = null): void {
  const server = io();
  if (!server) return;
  const room = server.local.to(minutesRoom(meetingId));
  (exceptSocketId ? room.except(exceptSocketId) : room).emit(event, payload);
}

export function emitToPeers(message: PeerMessage): void {
  if (!isClustered()) return;
  io()?.serverSideEmit(PEER_EVENT, message);
}

export const fanout: Fanout = {
  localUpdate(meetingId, update, exceptSocketId) {
    emitLocal(meetingId, MINUTES_EVENTS.sync, { meetingId, message: encodeBytes(updateMessage(update)) }, exceptSocketId);
  },
  localAwareness(meetingId, update, exceptSocketId) {
    emitLocal(meetingId, MINUTES_EVENTS.awareness, { meetingId, update: encodeBytes(update) }, exceptSocketId);
  },
  peerUpdate(meetingId, update) {
    emitToPeers({ kind: "update", meetingId, data: toBase64(update) });
  },
  peerAwareness(meetingId, update) {
    emitToPeers({ kind: "awareness", meetingId, data: toBase64(update) });
  },
};

/**
 * Asks the other nodes for what they hold of a document beyond `stateVector` (when this node loads it). Only with
 * Redis: `serverSideEmit` with an ack never answers on the in-memory adapter. Nodes that do not answer in time are
 * skipped; the database and later updates carry their edits too.
 */
export function pullFromPeers(meetingId: string, stateVector: Uint8Array): Promise<Uint8Array[]> {
  const server = io();
  if (!server || !isClustered()) return Promise.resolve([]);
  return new Promise((resolve) => {
    // The adapter's own request timeout is longer than a join should wait; a late answer is ignored.
    const timer = setTimeout(() => resolve([]), PULL_TIMEOUT_MS);
    server.serverSideEmit(PULL_EVENT, meetingId, toBase64(stateVector), (_error: Error | null, responses: unknown[]) => {
      clearTimeout(timer);
      resolve((responses ?? []).filter((r): r is string => typeof r === "string" && r !== "").map(fromBase64));
    });
  });
}

export type PeerHandlers = {
  onMessage(message: PeerMessage): void;
  /** The state beyond `stateVector` of a loaded document, or null when this node does not hold it. */
  onPull(meetingId: string, stateVector: Uint8Array): Uint8Array | null;
};

const installed = new WeakSet<Server>();

/** Listens to the other nodes once per Socket.IO server. */
export function installPeerHandlers(server: Server, handlers: PeerHandlers): void {
  if (installed.has(server)) return;
  installed.add(server);
  server.on(PEER_EVENT, (message: PeerMessage) => {
    try {
      handlers.onMessage(message);
    } catch (error) {
      logger().error(errorFields(error), "minutes: a message from another node failed");
    }
  });
  server.on(PULL_EVENT, (meetingId: unknown, stateVector: unknown, reply: unknown) => {
    if (typeof reply !== "function") return;
    try {
      const state = typeof meetingId === "string" && typeof stateVector === "string" ? handlers.onPull(meetingId, fromBase64(stateVector)) : null;
      reply(state ? toBase64(state) : "");
    } catch {
      reply("");
    }
  });
}
