import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EncodedEntry, JsonObject } from "./canonical";
import { canonicalJsonText, chainEntry } from "./canonical";
import { inclusionProof } from "./merkle";
import { parseVkeys } from "./note";
import { buildReceipt, formatTlogProof, parseTlogProof, receiptFileName, verifyReceipt } from "./receipt";
import type { TestBundle } from "./testLog";
import { entryFields, makeBundle, signCheckpoints, TEST_ORIGIN } from "./testLog";

const VERIFY = path.join(import.meta.dirname, "verify.mjs");
let root: string;
let bundle: TestBundle;
let receipt: string;
const VOTE_SEQ = 6; // entryFields(6) is a vote.cast

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-receipt-"));
  bundle = await makeBundle(path.join(root, "bundle"), { count: 25, sizes: [10, 21] });
  receipt = buildReceipt({
    index: VOTE_SEQ,
    entryBytes: bundle.entries[VOTE_SEQ].bytes,
    leafHashes: bundle.entries.map((e) => e.leafHash),
    checkpoint: bundle.notes[1],
  });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(root, name);
  fs.writeFileSync(file, text);
  return file;
}

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [VERIFY, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("vote receipts (c2sp.org/tlog-proof)", () => {
  it("has the header, the entry in `extra`, the index, the proof, a blank line and the checkpoint verbatim", () => {
    const proof = inclusionProof(
      VOTE_SEQ,
      bundle.entries.map((e) => e.leafHash),
      21,
    );
    const expected = [
      "c2sp.org/tlog-proof@v1",
      `extra ${bundle.entries[VOTE_SEQ].bytes.toString("base64")}`,
      `index ${VOTE_SEQ}`,
      ...proof.map((h) => h.toString("base64")),
      "",
    ].join("\n");
    expect(receipt).toBe(`${expected}\n${bundle.notes[1]}`);
    expect(parseTlogProof(receipt)).toMatchObject({ index: VOTE_SEQ, checkpoint: bundle.notes[1] });
    expect(receiptFileName(VOTE_SEQ)).toBe("yishi-vote-6.tlog-proof");
  });

  it("verifies offline with the log's verifier key alone", () => {
    const verified = verifyReceipt(receipt, bundle.signer.verifiers(TEST_ORIGIN), TEST_ORIGIN);
    expect(verified.entry).toMatchObject({ seq: VOTE_SEQ, action: "vote.cast", actor: { name: "村民6号" } });
    expect(verified.checkpoint.size).toBe(21);
    const vkey = write("vkey", bundle.signer.vkeys(TEST_ORIGIN).join("\n"));
    const r = cli(["--receipt", write("r.tlog-proof", receipt), "--vkey", vkey]);
    expect(r.stdout).toMatch(/^OK: .*r\.tlog-proof: seq 6 \(vote\.cast\) is in yishi\.test\/org\/org_test1 at size 21/);
    expect(r.code).toBe(0);
  });

  it("verifies against a bundle: same entry at that seq, same root at that size", () => {
    const r = cli(["--receipt", write("r2.tlog-proof", receipt), bundle.dir]);
    expect(r.stdout).toMatch(/receipt\s+.*r2\.tlog-proof: seq 6 \(vote\.cast\) is in the log/);
    expect(r.code).toBe(0);
  });

  it("fails when the entry in the receipt was changed", () => {
    const entry = JSON.parse(bundle.entries[VOTE_SEQ].bytes.toString()) as JsonObject & { data: JsonObject };
    expect(entry.data.choice).toBe("同意");
    const changed = canonicalJsonText({ ...entry, data: { ...entry.data, choice: "反对" } });
    const forged = receipt.replace(/^extra .*$/m, `extra ${Buffer.from(changed).toString("base64")}`);
    expect(() => verifyReceipt(forged, bundle.signer.verifiers(TEST_ORIGIN))).toThrow(/does not lead to the root/);
  });

  it("fails with a flipped proof hash, a wrong index or an unknown key", () => {
    const verifiers = bundle.signer.verifiers(TEST_ORIGIN);
    const lines = receipt.split("\n");
    const flipped = [...lines];
    flipped[3] = Buffer.from(Buffer.from(lines[3], "base64").map((b, i) => (i === 0 ? b ^ 1 : b))).toString("base64");
    expect(() => verifyReceipt(flipped.join("\n"), verifiers)).toThrow(/does not lead to the root/);
    expect(() => verifyReceipt(receipt.replace(`index ${VOTE_SEQ}`, "index 7"), verifiers)).toThrow(/seq 6 but the proof is for index 7/);
    const strangers = parseVkeys("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
    expect(() => verifyReceipt(receipt, strangers)).toThrow(/not signed by any known key/);
  });

  it("fails against a bundle whose log differs from the one the voter was shown", () => {
    // Same key and origin, but a forked history: the receipt's checkpoint cannot match the bundle's entries.
    const fork: EncodedEntry[] = [];
    for (let seq = 0; seq < 21; seq += 1) {
      const fields = entryFields(seq);
      const head = seq === 0 ? null : { seq: seq - 1, leafHash: fork[seq - 1].leafHash };
      fork.push(chainEntry(head, seq === 3 ? { ...fields, data: { ...fields.data, forked: true } } : fields));
    }
    const forkNote = signCheckpoints(fork, [21], bundle.signer)[0];
    const forked = buildReceipt({ index: 2, entryBytes: fork[2].bytes, leafHashes: fork.map((e) => e.leafHash), checkpoint: forkNote });
    const r = cli(["--receipt", write("fork.tlog-proof", forked), bundle.dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^FAIL: .*fork\.tlog-proof: root hash does not match entries seq 0–20/);
  });

  it("is never issued for an entry the checkpoint does not cover, or bytes that are not that entry", () => {
    const leafHashes = bundle.entries.map((e) => e.leafHash);
    expect(() => buildReceipt({ index: 22, entryBytes: bundle.entries[22].bytes, leafHashes, checkpoint: bundle.notes[1] })).toThrow(/not covered/);
    expect(() => buildReceipt({ index: 6, entryBytes: bundle.entries[5].bytes, leafHashes, checkpoint: bundle.notes[1] })).toThrow(/do not match/);
    expect(() => formatTlogProof({ extra: null, index: -1, proof: [], checkpoint: bundle.notes[0] })).toThrow();
  });
});
