/**
 * The minutes' socket protocol, shared by the server module and the browser's provider: event names, the room of a
 * document, and the shapes of replies. Yjs sync messages are y-protocols' (step 1, step 2, update); awareness
 * messages are y-protocols' awareness updates. Both travel base64-encoded in the event's JSON: one WebSocket frame
 * per message (a binary attachment costs a second frame, and a keystroke's update is a few dozen bytes).
 */
import { fromBase64, toBase64 } from "lib0/buffer";
import type { MinutesCapabilities } from "./permissions";
import type { RecordBlock } from "./recordBlocks";
import type { MinutesStatus } from "./status";

export const MINUTES_EVENTS = {
  join: "minutes:join",
  leave: "minutes:leave",
  sync: "minutes:sync",
  awareness: "minutes:awareness",
  record: "minutes:record",
  status: "minutes:status",
  finalize: "minutes:finalize",
  correct: "minutes:correct",
  sign: "minutes:sign",
} as const;

export function minutesRoom(meetingId: string): string {
  return `minutes:${meetingId}`;
}

export type CaretUser = { name: string; color: string };

export type JoinReply = {
  blocks: RecordBlock[];
  status: MinutesStatus;
  capabilities: MinutesCapabilities;
  /** The caret the server will show for this account; null for readers. */
  user: CaretUser | null;
};

/** The reply to a client's sync step 1: the server's step 2 and its state vector, so the client sends what it lacks. */
export type SyncReply = { reply: string | null; stateVector: string | null };

export type SyncPush = { meetingId: string; message: string };

/**
 * A message longer than this many base64 characters is sent in parts (a multiple of 4, so the parts join into the
 * base64 of the whole), each well below the socket's frame limit.
 */
export const PART_CHARS = 32_768;
export type SyncPart = { id: string; index: number; count: number };
export type AwarenessPush = { meetingId: string; update: string };
export type RecordPush = { meetingId: string; blocks: RecordBlock[] };
export type StatusPush = { meetingId: string };

export function encodeBytes(bytes: Uint8Array): string {
  return toBase64(bytes);
}

export function decodeBytes(text: string): Uint8Array {
  return fromBase64(text);
}
