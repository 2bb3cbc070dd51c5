// Cross-checks the browser verifier against server/audit/verify.mjs on the same good and tampered receipts, with
// crypto.subtle taken away as on a plain-http LAN deployment.
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalJsonText } from "../../audit/canonical";
import { parseVkeys } from "../../audit/note";
import { buildReceipt } from "../../audit/receipt";
import type { TestBundle } from "../../audit/testLog";
import { makeBundle, TEST_ORIGIN } from "../../audit/testLog";
import { parseWitnessVkey, verifyCosignatures, verifyReceipt } from "../../audit/verify.mjs";
import { ed25519Cosigner } from "../../witness/cosigner";
import { type ProofFailure, verifyTlogProofInBrowser } from "./verifyInBrowser";

const VOTE_SEQ = 6; // entryFields(6) is a vote.cast of 同意
let root: string;
let bundle: TestBundle;
let receipt: string;
let logKey: string;
const witness = ed25519Cosigner("witness.example", generateKeyPairSync("ed25519").privateKey);
const stranger = ed25519Cosigner("stranger.example", generateKeyPairSync("ed25519").privateKey);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-browser-proof-"));
  bundle = await makeBundle(path.join(root, "bundle"), { count: 25, sizes: [10, 21] });
  receipt = buildReceipt({
    index: VOTE_SEQ,
    entryBytes: bundle.entries[VOTE_SEQ].bytes,
    leafHashes: bundle.entries.map((e) => e.leafHash),
    checkpoint: bundle.notes[1],
  });
  logKey = bundle.signer.vkeys(TEST_ORIGIN)[0];
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The receipt with one more signature line on its checkpoint. */
const withLine = (text: string, line: string) => `${text}${line}`;
const checkpointText = () => bundle.notes[1].slice(0, bundle.notes[1].indexOf("\n\n") + 1);

/** What verify.mjs says: null when it accepts, else its message. */
function nodeSays(text: string, keys: { logKey: string; witnessKeys?: string[] }): string | null {
  try {
    const verified = verifyReceipt(text, parseVkeys(keys.logKey));
    verifyCosignatures(verified.checkpoint.text, (keys.witnessKeys ?? []).map(parseWitnessVkey));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Both verifiers on the same input, the browser one without crypto.subtle; they must agree. */
function both(text: string, keys: { logKey: string; witnessKeys?: string[] } = { logKey }) {
  vi.stubGlobal("crypto", undefined);
  try {
    const browser = verifyTlogProofInBrowser(text, keys);
    const node = nodeSays(text, keys);
    expect(browser.ok, `browser ${JSON.stringify(browser)} vs verify.mjs ${node}`).toBe(node === null);
    return browser;
  } finally {
    vi.unstubAllGlobals();
  }
}

function expectFailure(text: string, reason: ProofFailure, keys?: { logKey: string; witnessKeys?: string[] }) {
  expect(both(text, keys)).toEqual({ ok: false, reason });
}

describe("browser receipt verifier (mirrors verify.mjs)", () => {
  it("accepts a good receipt and gives the entry, its index and the tree size", () => {
    expect(globalThis.crypto?.subtle).toBeDefined(); // restored after each check
    const verdict = both(receipt);
    expect(verdict).toMatchObject({ ok: true, index: VOTE_SEQ, treeSize: 21, origin: TEST_ORIGIN, witnessedBy: [] });
    if (verdict.ok) expect(verdict.entry).toMatchObject({ seq: VOTE_SEQ, action: "vote.cast", data: { choice: "同意" } });
  });

  it("names the witnesses whose cosignatures verify, with their signed time", () => {
    const cosigned = withLine(receipt, witness.cosign(checkpointText(), 1_796_300_100));
    const verdict = both(cosigned, { logKey, witnessKeys: [witness.vkey] });
    expect(verdict).toMatchObject({ ok: true, witnessedBy: [{ name: "witness.example", timestamp: 1_796_300_100 }] });
    if (verdict.ok) expect(verdict.signedAt?.toISOString()).toBe(new Date(1_796_300_100_000).toISOString());
  });

  it("ignores a cosignature by a witness it was not given, and refuses a bad one by a known witness", () => {
    const byStranger = withLine(receipt, stranger.cosign(checkpointText(), 1_796_300_100));
    expect(both(byStranger, { logKey, witnessKeys: [witness.vkey] })).toMatchObject({ ok: true, witnessedBy: [] });
    const otherText = checkpointText().replace("\n21\n", "\n20\n");
    expectFailure(withLine(receipt, witness.cosign(otherText, 1_796_300_100)), "bad_cosignature", { logKey, witnessKeys: [witness.vkey] });
  });

  it("fails when one byte of the entry changed (a different choice, or bytes no longer canonical)", () => {
    const entry = JSON.parse(bundle.entries[VOTE_SEQ].bytes.toString());
    const changed = canonicalJsonText({ ...entry, data: { ...entry.data, choice: "反对" } });
    expectFailure(receipt.replace(/^extra .*$/m, `extra ${Buffer.from(changed).toString("base64")}`), "not_included");
    const bytes = Buffer.from(bundle.entries[VOTE_SEQ].bytes);
    bytes[bytes.indexOf(Buffer.from('"seq":'))] = 0x27; // '"' → "'": not JSON any more
    expectFailure(receipt.replace(/^extra .*$/m, `extra ${bytes.toString("base64")}`), "bad_entry");
    const spaced = Buffer.from(bundle.entries[VOTE_SEQ].bytes.toString().replace('"v":1', '"v": 1'));
    expectFailure(receipt.replace(/^extra .*$/m, `extra ${spaced.toString("base64")}`), "bad_entry");
  });

  it("fails with a wrong proof hash, a wrong index or a missing proof hash", () => {
    const lines = receipt.split("\n");
    const flipped = [...lines];
    flipped[3] = Buffer.from(Buffer.from(lines[3], "base64").map((b, i) => (i === 0 ? b ^ 1 : b))).toString("base64");
    expectFailure(flipped.join("\n"), "not_included");
    expectFailure(receipt.replace(`index ${VOTE_SEQ}`, "index 7"), "wrong_index");
    expectFailure([...lines.slice(0, 3), ...lines.slice(4)].join("\n"), "not_included");
  });

  it("fails with a wrong log key, a malformed key or a checkpoint of another log", () => {
    expectFailure(receipt, "not_signed_by_log", { logKey: "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8" });
    expect(verifyTlogProofInBrowser(receipt, { logKey: logKey.replace(/\+[0-9a-f]{8}\+/, "+00000000+") })).toEqual({ ok: false, reason: "bad_log_key" });
    expect(verifyTlogProofInBrowser(receipt, { logKey, origin: "other.test/org/x" })).toEqual({ ok: false, reason: "wrong_log" });
    // During a key rotation the page is given several log keys: one known signature is enough.
    const rotated = ["sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", logKey];
    expect(verifyTlogProofInBrowser(receipt, { logKey: rotated })).toMatchObject({ ok: true, index: VOTE_SEQ });
    expect(verifyTlogProofInBrowser(receipt, { logKey: [] })).toEqual({ ok: false, reason: "bad_log_key" });
  });

  it("fails when the checkpoint's text or signature was changed", () => {
    const note = bundle.notes[1];
    const [text, sigs] = [note.slice(0, note.indexOf("\n\n") + 2), note.slice(note.indexOf("\n\n") + 2)];
    expectFailure(receipt.replace(text, text.replace("\n21\n", "\n22\n")), "bad_signature");
    const sigB64 = /^\u2014 \S+ (\S+)$/mu.exec(sigs)?.[1] ?? "";
    const bad = Buffer.from(sigB64, "base64");
    bad[bad.length - 1] ^= 1;
    expectFailure(receipt.replace(sigB64, bad.toString("base64")), "bad_signature");
    expectFailure(receipt.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2"), "malformed");
  });
});
