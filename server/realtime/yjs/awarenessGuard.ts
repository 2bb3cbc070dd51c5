/**
 * Awareness (who is here, where their caret is) comes from clients, so the server rewrites each update before it
 * goes anywhere: a socket may speak only for the awareness client ids it owns, the name and colour shown on a caret
 * are the server's (the account's display name), and nothing but the caret position passes through.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export type CaretUser = { name: string; color: string };

/** A socket speaks for at most this many awareness ids per document (one per open editor page; a reload is a new one). */
const MAX_IDS_PER_SOCKET = 4;
const MAX_CURSOR_JSON = 2_000;

export type SanitizedAwareness = { update: Uint8Array; clientIds: number[] };

function sanitizeState(state: unknown, user: CaretUser): Record<string, unknown> | null {
  if (state === null || typeof state !== "object") return null;
  const cursor = (state as { cursor?: unknown }).cursor;
  const isCursor =
    cursor !== null &&
    typeof cursor === "object" &&
    typeof (cursor as { anchor?: unknown }).anchor === "object" &&
    typeof (cursor as { head?: unknown }).head === "object" &&
    JSON.stringify(cursor).length <= MAX_CURSOR_JSON;
  return { user: { name: user.name, color: user.color }, cursor: isCursor ? cursor : null };
}

/**
 * Returns the rewritten update, or null when it speaks for an id this socket does not own (or is malformed).
 * `owned` is the socket's set of ids for this document; new ids are claimed up to the limit.
 */
export function sanitizeAwarenessUpdate(update: Uint8Array, owned: Set<number>, user: CaretUser): SanitizedAwareness | null {
  try {
    const decoder = decoding.createDecoder(update);
    const encoder = encoding.createEncoder();
    const count = decoding.readVarUint(decoder);
    if (count > MAX_IDS_PER_SOCKET) return null;
    encoding.writeVarUint(encoder, count);
    const clientIds: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (!owned.has(clientId)) {
        if (owned.size >= MAX_IDS_PER_SOCKET) return null;
        owned.add(clientId);
      }
      clientIds.push(clientId);
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(sanitizeState(state, user)));
    }
    if (decoding.hasContent(decoder)) return null;
    return { update: encoding.toUint8Array(encoder), clientIds };
  } catch {
    return null;
  }
}
