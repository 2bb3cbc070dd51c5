/**
 * Socket events of the collaborative minutes (issue #7): Yjs sync (y-protocols step 1 / step 2 / update) and
 * awareness over the app's own socket, one room per document. Every event is validated with a strict schema and
 * authorized: reading needs read access (anonymous only for public meetings), every update and caret needs the
 * right to edit, checked against rights re-read at most a few seconds old and at once after any sign-off change.
 * Finalizing, correcting and signing are commands; the handlers here only adapt.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Socket } from "socket.io";
import { encodeAwarenessUpdate } from "y-protocols/awareness";
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate, writeSyncStep2 } from "y-protocols/sync";
import * as Y from "yjs";
import { z } from "zod";
import { identityOf } from "../auth/identity";
import { correctMinutes } from "../commands/minutes/correctMinutes";
import { finalizeMinutes } from "../commands/minutes/finalizeMinutes";
import { signMinutes } from "../commands/minutes/signMinutes";
import { AppError } from "../errors";
import { caretColor } from "../minutes/caretColor";
import { decodeBytes, encodeBytes, type JoinReply, MINUTES_EVENTS, minutesRoom, type SyncReply } from "../minutes/protocol";
import type { MinutesAccess } from "../minutes/status";
import { handleOn } from "./ack";
import { MAX_FRAME_BYTES, type SocketModule } from "./io";
import { minutesRights } from "./minutesRights";
import { actorOf } from "./socketTable";
import { sanitizeAwarenessUpdate } from "./yjs/awarenessGuard";
import { PartAssembler } from "./yjs/chunks";
import type { MinutesDocument } from "./yjs/minutesDocument";
import { attachSocket, detachSocket, openDocument, refreshStaleRecord } from "./yjs/registry";

const meetingId = z.string().min(1).max(64);
const base64Text = z
  .string()
  .min(4)
  .max(MAX_FRAME_BYTES - 256)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64");
const joinSchema = z.strictObject({ meetingId });
const part = z.strictObject({ id: z.string().min(8).max(64), index: z.int().min(0).max(255), count: z.int().min(2).max(256) });
const syncSchema = z.strictObject({ meetingId, message: base64Text, part: part.optional() });
const awarenessSchema = z.strictObject({ meetingId, update: base64Text.transform((text) => decodeBytes(text)) });
const correctSchema = z.strictObject({ meetingId, reason: z.string().max(500) });
const signSchema = z.strictObject({ meetingId, versionId: z.string().min(1).max(64) });

type Session = { document: MinutesDocument; access: MinutesAccess };

/** A reader's client answers the server's state with an empty update; anything else from a reader is refused. */
function isEmptyUpdate(update: Uint8Array): boolean {
  try {
    const decoded = Y.decodeUpdate(update);
    return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
  } catch {
    return false;
  }
}

/** A y-protocols sync message: its type and its one length-prefixed payload; truncated or garbled bytes are invalid_input. */
function readSyncMessage(text: string): { type: number; payload: Uint8Array } {
  return withMalformedAsInvalid(() => {
    const decoder = decoding.createDecoder(decodeBytes(text));
    const type = decoding.readVarUint(decoder);
    return { type, payload: decoding.readVarUint8Array(decoder) };
  });
}

function withMalformedAsInvalid<T>(read: () => T): T {
  try {
    return read();
  } catch {
    throw new AppError("invalid_input", "the sync message cannot be read", { field: "message" });
  }
}

/**
 * What a socket holds of the minutes: the documents it joined and the parts of a message still arriving. Made on its
 * first join, so that the many sockets that never open the minutes (observers, phones voting) carry none of it and
 * every handler below is one function for all connections (issue #24: each observer's memory).
 */
type SocketMinutes = { sessions: Map<string, Session>; parts: PartAssembler };
const perSocket = new WeakMap<Socket, SocketMinutes>();

function minutesOf(socket: Socket): SocketMinutes {
  let state = perSocket.get(socket);
  if (!state) {
    state = { sessions: new Map(), parts: new PartAssembler() };
    perSocket.set(socket, state);
    socket.on("disconnecting", onDisconnecting);
  }
  return state;
}

function onDisconnecting(this: Socket): void {
  const state = perSocket.get(this);
  if (!state) return;
  for (const id of [...state.sessions.keys()]) leave(this, id);
}

async function readAccess(socket: Socket, id: string, fresh = false): Promise<MinutesAccess> {
  const access = await minutesRights(identityOf(socket)?.accountId ?? null, id, fresh);
  if (!access) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
  if (!access.capabilities.canRead) throw new AppError(identityOf(socket) ? "forbidden" : "unauthenticated", "you cannot read these minutes");
  return access;
}

/** The socket's current rights in a document it joined (minutesRights.ts keeps them current). */
async function session(socket: Socket, id: string): Promise<Session> {
  const current = perSocket.get(socket)?.sessions.get(id);
  if (!current) throw new AppError("conflict", "join the minutes first", { field: "meetingId" });
  try {
    current.access = await readAccess(socket, id);
  } catch (error) {
    leave(socket, id);
    throw error;
  }
  return current;
}

function leave(socket: Socket, id: string): void {
  const sessions = perSocket.get(socket)?.sessions;
  const current = sessions?.get(id);
  if (!sessions || !current) return;
  sessions.delete(id);
  current.document.removeSocketAwareness(socket.id);
  detachSocket(current.document, socket.id);
  void socket.leave(minutesRoom(id));
}

const onJoin = handleOn(joinSchema, async (input, socket): Promise<JoinReply> => {
  const access = await readAccess(socket, input.meetingId, true);
  const document = await openDocument(input.meetingId);
  await refreshStaleRecord(document);
  // Gone while the document loaded: attaching now would keep the document open for a socket that left.
  if (socket.disconnected) throw new AppError("unavailable", "disconnected");
  attachSocket(document, socket.id);
  await socket.join(minutesRoom(input.meetingId));
  minutesOf(socket).sessions.set(input.meetingId, { document, access });
  const present = [...document.awareness.getStates().keys()];
  if (present.length > 0) {
    socket.emit(MINUTES_EVENTS.awareness, { meetingId: input.meetingId, update: encodeBytes(encodeAwarenessUpdate(document.awareness, present)) });
  }
  const identity = identityOf(socket);
  const canEdit = access.capabilities.canEdit && identity !== null;
  return {
    blocks: document.blocks,
    status: access.status,
    capabilities: access.capabilities,
    user: canEdit && identity ? { name: identity.name, color: caretColor(identity.accountId) } : null,
  };
});

const onLeave = handleOn(joinSchema, async (input, socket) => {
  leave(socket, input.meetingId);
  return null;
});

const onSync = handleOn(syncSchema, async (input, socket): Promise<SyncReply> => {
  const { document, access } = await session(socket, input.meetingId);
  const text = input.part ? minutesOf(socket).parts.add(input.part, input.message) : input.message;
  if (text === null) return { reply: null, stateVector: null };
  const { type, payload } = readSyncMessage(text);
  if (type === messageYjsSyncStep1) {
    const encoder = encoding.createEncoder();
    // A state vector that does not decode is the sender's fault, not ours: invalid_input, never internal.
    withMalformedAsInvalid(() => writeSyncStep2(encoder, document.doc, payload));
    const stateVector = access.capabilities.canEdit ? encodeBytes(Y.encodeStateVector(document.doc)) : null;
    return { reply: encodeBytes(encoding.toUint8Array(encoder)), stateVector };
  }
  if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) throw new AppError("invalid_input", "unknown sync message", { field: "message" });
  const update = payload;
  if (!access.capabilities.canEdit) {
    if (isEmptyUpdate(update)) return { reply: null, stateVector: null };
    // Without a session the answer is "log in", as everywhere else; with one, this person may only read.
    if (!identityOf(socket)) throw new AppError("unauthenticated", "log in to edit the minutes");
    throw new AppError("forbidden", "you can read these minutes but not edit them");
  }
  const verdict = document.applyClientUpdate(update, socket.id);
  if (!verdict.ok) throw new AppError("conflict", verdict.reason, { field: "message", details: { resync: true } });
  return { reply: null, stateVector: null };
});

const onAwareness = handleOn(awarenessSchema, async (input, socket) => {
  const { document, access } = await session(socket, input.meetingId);
  const identity = identityOf(socket);
  if (!identity) throw new AppError("unauthenticated", "log in to edit the minutes");
  if (!access.capabilities.canEdit) throw new AppError("forbidden", "only editors show a caret");
  const owned = document.awarenessOf.get(socket.id) ?? new Set<number>();
  document.awarenessOf.set(socket.id, owned);
  const sanitized = sanitizeAwarenessUpdate(input.update, owned, { name: identity.name, color: caretColor(identity.accountId) });
  if (!sanitized) throw new AppError("invalid_input", "awareness update refused", { field: "update" });
  document.applyClientAwareness(sanitized.update, socket.id);
  return null;
});

const onFinalize = handleOn(joinSchema, async (input, socket) => finalizeMinutes(input, actorOf(socket)));
const onCorrect = handleOn(correctSchema, async (input, socket) => correctMinutes(input, actorOf(socket)));
const onSign = handleOn(signSchema, async (input, socket) => signMinutes(input, actorOf(socket)));

export const minutesModule: SocketModule = (_io, socket) => {
  socket.on(MINUTES_EVENTS.join, onJoin);
  socket.on(MINUTES_EVENTS.leave, onLeave);
  socket.on(MINUTES_EVENTS.sync, onSync);
  socket.on(MINUTES_EVENTS.awareness, onAwareness);
  socket.on(MINUTES_EVENTS.finalize, onFinalize);
  socket.on(MINUTES_EVENTS.correct, onCorrect);
  socket.on(MINUTES_EVENTS.sign, onSign);
};
