import { describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { sanitizeAwarenessUpdate } from "./awarenessGuard";

const user = { name: "梁丽娟", color: "#0b57d0" };

function stateOf(doc: Y.Doc, state: Record<string, unknown>): { awareness: Awareness; update: Uint8Array } {
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  return { awareness, update: encodeAwarenessUpdate(awareness, [doc.clientID]) };
}

describe("the server's rewrite of awareness updates", () => {
  it("shows the account's own name and colour whatever the client claims, and keeps only the caret", () => {
    const doc = new Y.Doc();
    const cursor = { anchor: { tname: "free:header" }, head: { tname: "free:header" } };
    const { awareness, update } = stateOf(doc, { user: { name: "村主任", color: "#000000" }, cursor, secret: "x" });
    const owned = new Set<number>();
    const sanitized = sanitizeAwarenessUpdate(update, owned, user);
    expect(sanitized?.clientIds).toEqual([doc.clientID]);
    const receiver = new Awareness(new Y.Doc());
    applyAwarenessUpdate(receiver, sanitized?.update as Uint8Array, "test");
    expect(receiver.getStates().get(doc.clientID)).toEqual({ user, cursor });
    awareness.destroy();
    receiver.destroy();
  });

  it("refuses to let one socket speak for more client ids than an editor page has", () => {
    const owned = new Set<number>([1, 2, 3, 4]);
    const { awareness, update } = stateOf(new Y.Doc(), { user });
    expect(sanitizeAwarenessUpdate(update, owned, user)).toBeNull();
    expect(sanitizeAwarenessUpdate(new Uint8Array([5, 1]), new Set(), user)).toBeNull();
    awareness.destroy();
  });
});
