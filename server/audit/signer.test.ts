import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AUDIT_KEY_ENV, AUDIT_KEY_FILE, generateAuditKeyPem, loadAuditKeys, parseAuditKeyEnv } from "./auditKey";
import { openCheckpoint } from "./checkpoint";
import { consistencyProof, merkleRoot } from "./merkle";
import { parseVkeys } from "./note";
import { assertTreeConsistent, CheckpointSigner, treeInconsistency } from "./signer";
import { makeAuditKey, makeEntries, TEST_ORIGIN } from "./testLog";

const leaves = makeEntries(40).map((e) => e.leafHash);
const head = (size: number, from: readonly Buffer[] = leaves) => ({ size, root: merkleRoot(from, size) });

describe("the checkpoint signer", () => {
  it("signs a tree that extends the last checkpoint, given a proof or the leaf hashes", () => {
    const key = makeAuditKey();
    const signer = new CheckpointSigner({ keys: [key] });
    const byProof = signer.sign({ origin: TEST_ORIGIN, previous: head(13), next: head(40), evidence: { proof: consistencyProof(13, leaves, 40) } });
    const byLeaves = signer.sign({ origin: TEST_ORIGIN, previous: head(13), next: head(40), evidence: { leafHashes: leaves } });
    const first = signer.sign({ origin: TEST_ORIGIN, previous: null, next: head(1), evidence: { leafHashes: leaves } });
    const verifiers = parseVkeys(signer.vkeys(TEST_ORIGIN).join("\n"));
    for (const note of [byProof, byLeaves, first]) expect(openCheckpoint(note, verifiers, TEST_ORIGIN).origin).toBe(TEST_ORIGIN);
    expect(byProof).toBe(byLeaves); // Ed25519 is deterministic: same tree head, same note
  });

  it("refuses a rewritten history: an entry before the last checkpoint changed", () => {
    const rewritten = [...leaves];
    rewritten[5] = leaves[6];
    const signer = new CheckpointSigner({ keys: [makeAuditKey()] });
    expect(() => signer.sign({ origin: TEST_ORIGIN, previous: head(13), next: head(40, rewritten), evidence: { leafHashes: rewritten } })).toThrow(
      /refusing to sign.*no longer hash to the last checkpoint/,
    );
    const proof = consistencyProof(13, rewritten, 40);
    expect(() => signer.sign({ origin: TEST_ORIGIN, previous: head(13), next: head(40, rewritten), evidence: { proof } })).toThrow(/consistency proof/);
  });

  it("refuses a shrunk tree, a root that is not the leaves' root, and a proof for other sizes", () => {
    expect(treeInconsistency(head(20), head(19), { leafHashes: leaves })).toMatch(/shrank/);
    expect(treeInconsistency(head(20), { size: 30, root: merkleRoot(leaves, 31) }, { leafHashes: leaves })).toMatch(/not the root/);
    expect(treeInconsistency(head(20), head(30), { proof: consistencyProof(21, leaves, 30) })).toMatch(/does not verify/);
    expect(treeInconsistency(head(20), head(30), { leafHashes: leaves.slice(0, 29) })).toMatch(/only 29/);
    expect(treeInconsistency(null, head(30), { proof: [] })).toBeNull(); // every tree extends the empty one
    expect(treeInconsistency(null, head(30), { proof: [leaves[0]] })).toMatch(/does not verify/);
    expect(treeInconsistency(head(30), head(30), { proof: [] })).toBeNull();
  });

  it("throws the app's internal error with the reason in details", () => {
    try {
      assertTreeConsistent(head(20), head(19), { leafHashes: leaves });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: "AppError", code: "internal", details: { reason: "inconsistent_tree" } });
    }
  });

  it("signs with every key during a rotation and lists them all as vkeys, oldest first", () => {
    const [old, next] = [makeAuditKey(), makeAuditKey()];
    const signer = new CheckpointSigner({ keys: [old, next], keyName: "yishi.test" });
    const note = signer.sign({ origin: TEST_ORIGIN, previous: null, next: head(3), evidence: { leafHashes: leaves } });
    const vkeys = signer.vkeys(TEST_ORIGIN);
    expect(vkeys).toHaveLength(2);
    expect(vkeys[0].startsWith("yishi.test+")).toBe(true);
    expect(openCheckpoint(note, parseVkeys(vkeys[1])).verifiedBy).toHaveLength(1);
    expect(openCheckpoint(note, parseVkeys(vkeys.join("\n"))).verifiedBy).toHaveLength(2);
  });
});

describe("audit key loading", () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-audit-key-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates <dataDir>/audit-key.pem with mode 0600 on first use, and reuses it afterwards", () => {
    const dataDir = path.join(tempDir(), "data");
    const first = loadAuditKeys({ dataDir, env: {} });
    const file = path.join(dataDir, AUDIT_KEY_FILE);
    expect(first.source).toEqual({ kind: "file", path: file, created: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual([AUDIT_KEY_FILE]); // no temp file left behind
    const second = loadAuditKeys({ dataDir, env: {} });
    expect(second.source).toMatchObject({ created: false });
    expect(second.keys[0].publicKey).toEqual(first.keys[0].publicKey);
  });

  it("refuses a key file other users can read", () => {
    const dataDir = tempDir();
    loadAuditKeys({ dataDir, env: {} });
    fs.chmodSync(path.join(dataDir, AUDIT_KEY_FILE), 0o644);
    expect(() => loadAuditKeys({ dataDir, env: {} })).toThrow(/chmod 600/);
  });

  it("prefers YISHI_AUDIT_KEY, as PEM, as PEM with \\n escapes, or base64 of the PEM", () => {
    const pem = generateAuditKeyPem();
    const expected = parseAuditKeyEnv(pem)[0].publicKey;
    for (const value of [pem, pem.replace(/\n/g, "\\n"), Buffer.from(pem).toString("base64")]) {
      const dataDir = tempDir();
      const loaded = loadAuditKeys({ dataDir, env: { [AUDIT_KEY_ENV]: value } });
      expect(loaded.source).toEqual({ kind: "env" });
      expect(loaded.keys[0].publicKey).toEqual(expected);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    }
  });

  it("reads several keys in order for a rotation, and refuses non-Ed25519 or unreadable keys without echoing them", () => {
    const [a, b] = [generateAuditKeyPem(), generateAuditKeyPem()];
    expect(parseAuditKeyEnv(`${a}${b}`).map((k) => k.publicKey)).toEqual([parseAuditKeyEnv(a)[0].publicKey, parseAuditKeyEnv(b)[0].publicKey]);
    const rsa = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(() => parseAuditKeyEnv(rsa)).toThrow(/must be Ed25519/);
    const broken = a.replace(/[A-Za-z]{10}/, "AAAAAAAAAA");
    expect(() => parseAuditKeyEnv(broken)).toThrow(/not a readable/);
    expect(() => parseAuditKeyEnv("nonsense")).toThrow(/no "BEGIN PRIVATE KEY"/);
  });
});
