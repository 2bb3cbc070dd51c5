import { createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditOrigin, checkpointBody, openCheckpoint, readCheckpoint, signCheckpoint } from "./checkpoint";
import { leafHash, merkleRoot } from "./merkle";
import { ed25519NoteSigner, formatVkey, keyIdFor, noteVerifier, parseVkey, signNote, verifyNote } from "./note";
import { makeAuditKey, TEST_ORIGIN } from "./testLog";

// The example key and note of Go's golang.org/x/mod/sumdb/note (the reference signed-note implementation).
const GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_SEED = Buffer.from("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "base64").subarray(1);
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

function goPrivateKey() {
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), GO_SEED]);
  return createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
}

const ROOT = merkleRoot([leafHash(Buffer.from("a")), leafHash(Buffer.from("b"))]);

describe("signed notes (c2sp.org/signed-note)", () => {
  it("computes key IDs as SHA-256(name || 0x0A || 0x01 || key)[:4], matching Go's vkeys", () => {
    const key = parseVkey(GO_VKEY);
    expect(key.keyId).toBe(0xc74f20a3);
    expect(keyIdFor("PeterNeumann", key.publicKey)).toBe(0xc74f20a3);
    expect(formatVkey("PeterNeumann", key.publicKey)).toBe(GO_VKEY);
    expect(parseVkey("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8").keyId).toBe(0x033de0ae);
  });

  it("produces and verifies Go's example note byte for byte", () => {
    expect(signNote(GO_TEXT, [ed25519NoteSigner("PeterNeumann", goPrivateKey())])).toBe(GO_NOTE);
    expect(verifyNote(GO_NOTE, [parseVkey(GO_VKEY)]).text).toBe(GO_TEXT);
  });

  it("rejects vkeys with a wrong key ID, name or length", () => {
    expect(() => parseVkey(GO_VKEY.replace("c74f20a3", "c74f20a4"))).toThrow(/does not match/);
    expect(() => parseVkey(GO_VKEY.replace("PeterNeumann", "PeterNeuman"))).toThrow(/does not match/);
    expect(() => parseVkey(GO_VKEY.slice(0, -4))).toThrow();
    expect(() => parseVkey("a b+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")).toThrow(/key name/);
  });

  it("ignores unknown keys, rejects a bad signature by a known key, and needs one known signature", () => {
    const [a, b, stranger] = [makeAuditKey(), makeAuditKey(), makeAuditKey()];
    const note = signNote("hello\n", [ed25519NoteSigner("a.example", a.privateKey), ed25519NoteSigner("b.example", b.privateKey)]);
    expect(verifyNote(note, [noteVerifier("b.example", b.publicKey)]).verifiedBy).toEqual([{ name: "b.example", keyId: keyIdFor("b.example", b.publicKey) }]);
    expect(() => verifyNote(note, [noteVerifier("a.example", stranger.publicKey)])).toThrow(/known key/);
    const forged = note.replace("hello", "hellO");
    expect(() => verifyNote(forged, [noteVerifier("a.example", a.publicKey)])).toThrow(/bad signature/);
  });

  it.each([
    ["no blank line", "text\n— a AAAA\n"],
    ["no final newline", "text\n\n— a AAAAAQ=="],
    ["a control character", "te\tx\n\n— a AAAAAQ==\n"],
    ["a malformed signature line", "text\n\n-- a AAAAAQ==\n"],
    ["non-canonical base64", "text\n\n— a AAAAAQ=\n"],
  ])("refuses a note with %s", (_, note) => {
    expect(() => verifyNote(note, [parseVkey(GO_VKEY)])).toThrow();
  });
});

describe("checkpoints (c2sp.org/tlog-checkpoint)", () => {
  it("names an organization's log <host>/org/<id>", () => {
    expect(auditOrigin("Yishi.Example.cn", "clx0abc")).toBe("yishi.example.cn/org/clx0abc");
    expect(() => auditOrigin("https://yishi.example.cn", "clx0abc")).toThrow();
    expect(() => auditOrigin("yishi.example.cn", "a b")).toThrow();
  });

  it("signs exactly origin, size and base64 root, each ending in a newline", () => {
    const key = makeAuditKey();
    const note = signCheckpoint({ origin: TEST_ORIGIN, size: 2, root: ROOT }, [ed25519NoteSigner(TEST_ORIGIN, key.privateKey)]);
    const lines = note.split("\n");
    expect(lines.slice(0, 4)).toEqual([TEST_ORIGIN, "2", ROOT.toString("base64"), ""]);
    expect(lines[4]).toMatch(new RegExp(`^\u2014 ${TEST_ORIGIN} [A-Za-z0-9+/]{91}=$`));
    expect(Buffer.from(lines[4].split(" ")[2], "base64").readUInt32BE(0)).toBe(keyIdFor(TEST_ORIGIN, key.publicKey));
    expect(checkpointBody({ origin: TEST_ORIGIN, size: 2, root: ROOT })).toBe(`${lines.slice(0, 3).join("\n")}\n`);
    expect(openCheckpoint(note, [noteVerifier(TEST_ORIGIN, key.publicKey)], TEST_ORIGIN)).toMatchObject({ size: 2, root: ROOT });
    expect(readCheckpoint(note)).toEqual({ origin: TEST_ORIGIN, size: 2, root: ROOT });
  });

  it("can be signed by old and new keys during a rotation, and verified with either", () => {
    const [old, next] = [makeAuditKey(), makeAuditKey()];
    const signers = [old, next].map((k) => ed25519NoteSigner(TEST_ORIGIN, k.privateKey));
    const note = signCheckpoint({ origin: TEST_ORIGIN, size: 2, root: ROOT }, signers);
    for (const key of [old, next]) {
      expect(openCheckpoint(note, [noteVerifier(TEST_ORIGIN, key.publicKey)]).size).toBe(2);
    }
  });

  it("refuses a checkpoint for another origin or with a tampered size", () => {
    const key = makeAuditKey();
    const verifiers = [noteVerifier(TEST_ORIGIN, key.publicKey)];
    const note = signCheckpoint({ origin: TEST_ORIGIN, size: 2, root: ROOT }, [ed25519NoteSigner(TEST_ORIGIN, key.privateKey)]);
    expect(() => openCheckpoint(note, verifiers, "yishi.test/org/other")).toThrow(/origin/);
    expect(() => openCheckpoint(note.replace("\n2\n", "\n3\n"), verifiers)).toThrow(/bad signature/);
  });
});
