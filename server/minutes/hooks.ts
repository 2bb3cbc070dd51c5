/**
 * The live minutes documents (Yjs) exist only in the server process (DESIGN.md §1: Next's bundle loads its own copy
 * of every module, and a Y.Doc must never cross). The server process registers these plain functions on globalThis
 * at start-up; code on either side calls them to tell the live documents that the record or the sign-off changed.
 */
import { processSlot } from "../singleton";

export type SeedFreeText = string | Record<string, string>;

export type MinutesHooks = {
  /** Re-reads the record blocks from the database and pushes them to every editor, on every node. */
  recordChanged(meetingId: string): Promise<void>;
  /** A version was finalized, signed or corrected: clients re-read their rights and the sign-off. */
  statusChanged(meetingId: string): Promise<void>;
  /** Shutdown, before the database closes: stops the idle unloads and compactions, stores every pending edit. */
  flushAll(): Promise<void>;
  /** Writes free text into a meeting's document as the server (demo seed), stored before it resolves. */
  writeFreeText(meetingId: string, freeText: SeedFreeText): Promise<void>;
  /** The free text of a meeting's document per block id, after storing pending edits. */
  freeText(meetingId: string): Promise<Record<string, string>>;
};

const registered = processSlot<MinutesHooks>("__yishiMinutesHooks");

/** The first registration wins: the server process registers at start-up, before Next could load a copy. */
export function setMinutesHooks(hooks: MinutesHooks): void {
  if (!registered.get()) registered.set(hooks);
}

export function getMinutesHooks(): MinutesHooks | undefined {
  return registered.get();
}
