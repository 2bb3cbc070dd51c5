import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AuditEntry, JsonValue } from "./canonical";
import { AUDIT_ACTIONS, canonicalJsonText, chainEntry, encodeEntry, isAuditAction, parseEntry, ZERO_HASH_HEX } from "./canonical";
import { leafHash } from "./merkle";
import { entryFields, makeEntries } from "./testLog";
import { canonicalJson, decodeEntry } from "./verify.mjs";

function sampleEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { ...chainEntry(null, entryFields(2)).entry, ...overrides };
}

describe("RFC 8785 canonical JSON", () => {
  it("sorts keys by UTF-16 code units and escapes as JSON.stringify does", () => {
    const value = { b: 1, a: [true, null, "é\n\u2028"], "\u{1F600}": 0, "\uFF5E": 1, A: { z: -0, y: 1e21 } };
    // RFC 8785 §3.2.3: U+1F600 (surrogates D83D…) sorts before U+FF5E by code units, though it is the larger code point.
    const expected = '{"A":{"y":1e+21,"z":0},"a":[true,null,"é\\n\u2028"],"b":1,"\u{1F600}":0,"\uFF5E":1}';
    expect(canonicalJsonText(value)).toBe(expected);
    expect(canonicalJson(value)).toBe(expected);
  });

  it("gives the same text from the canonicalize package and from verify.mjs's own JCS", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value as JsonValue)).toBe(canonicalJsonText(value as JsonValue));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses lone surrogates", () => {
    expect(() => canonicalJson("\uD800")).toThrow(/surrogate/);
    expect(() => canonicalJsonText("\uD800")).toThrow();
  });
});

describe("audit entries", () => {
  it("lists every action once, in a closed union", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(AUDIT_ACTIONS).toContain("ballot.cast");
    expect(isAuditAction("vote.cast")).toBe(true);
    expect(isAuditAction("vote.deleted")).toBe(false);
  });

  it("serializes an entry to canonical bytes with sorted keys and no spaces", () => {
    const { bytes, entry } = chainEntry(null, entryFields(2));
    expect(bytes.toString()).toBe(
      '{"action":"vote.cast","actor":{"id":"p_2","name":"村民2号","role":"member"},"data":{"choice":"弃权","clientId":"c-2"},' +
        `"meeting":"mt_1","object":{"id":"mo_7","type":"motion"},"org":"org_test1","prev":"${ZERO_HASH_HEX}",` +
        '"seq":0,"ts":"2025-03-01T08:00:02.000Z","v":1}',
    );
    expect(parseEntry(bytes)).toEqual(entry);
  });

  it("chains each entry to the leaf hash of the one before", () => {
    const entries = makeEntries(5);
    entries.forEach((e, seq) => {
      expect(e.entry.seq).toBe(seq);
      expect(e.leafHash).toEqual(leafHash(e.bytes));
      expect(e.entry.prev).toBe(seq === 0 ? ZERO_HASH_HEX : entries[seq - 1].leafHash.toString("hex"));
    });
  });

  it.each([
    ["a fractional number", { data: { share: 0.5 } }],
    ["an unsafe integer", { data: { big: 2 ** 53 } }],
    ["an unknown action", { action: "vote.deleted" as AuditEntry["action"] }],
    ["a local time", { ts: "2025-03-01T16:00:00+08:00" }],
    ["an upper-case prev", { prev: "A".repeat(64) }],
    ["an undefined value", { data: { x: undefined } as unknown as AuditEntry["data"] }],
    ["a Date in data", { data: { at: new Date() } as unknown as AuditEntry["data"] }],
    ["an actor without a role", { actor: { id: "p1", name: "x" } as AuditEntry["actor"] }],
    ["an extra field", { extra: 1 } as Partial<AuditEntry>],
  ])("refuses to encode an entry with %s", (_, overrides) => {
    expect(() => encodeEntry(sampleEntry(overrides))).toThrow(/invalid audit entry/);
  });

  it("refuses stored bytes that are not canonical", () => {
    const { bytes } = chainEntry(null, entryFields(1));
    const spaced = Buffer.from(bytes.toString().replace('"v":1', '"v": 1'));
    const parsed = JSON.parse(bytes.toString()) as Record<string, unknown>;
    const reordered = Buffer.from(JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse())));
    expect(() => decodeEntry(spaced)).toThrow(/canonical/);
    expect(() => parseEntry(reordered)).toThrow(/canonical/);
    expect(() => decodeEntry(Buffer.concat([bytes.subarray(0, 20), Buffer.from([0xff]), bytes.subarray(21)]))).toThrow();
  });
});
