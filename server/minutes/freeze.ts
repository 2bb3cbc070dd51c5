/**
 * Freezing the minutes: the record blocks are re-read from the database inside the command's transaction, the free
 * text comes from the live document, and together they give the canonical text and its SHA-256.
 */
import type { Tx } from "../db";
import { AppError } from "../errors";
import { canonicalMinutesText, type FreeText, sha256Hex } from "./canonicalText";
import { getMinutesHooks } from "./hooks";
import { buildRecordBlocks } from "./recordBlocks";
import { loadRecordData } from "./recordData";

export type FrozenText = { text: string; sha256: string };

export async function freezeMinutes(tx: Tx, meetingId: string, freeText: FreeText): Promise<FrozenText> {
  const data = await loadRecordData(tx, meetingId);
  if (!data) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
  const text = canonicalMinutesText(buildRecordBlocks(data), freeText);
  return { text, sha256: sha256Hex(text) };
}

/** The free text of the live document (held by the server process; see hooks.ts). */
export async function liveFreeText(meetingId: string): Promise<FreeText> {
  const hooks = getMinutesHooks();
  if (!hooks) throw new AppError("unavailable", "the live minutes are not running in this process");
  return hooks.freeText(meetingId);
}
