import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawToSpkiPem } from "./auditKey";
import { chainEntry } from "./canonical";
import { formatVkey } from "./note";
import type { TestBundle } from "./testLog";
import { makeAuditKey, makeBundle } from "./testLog";
import { verifyBundle } from "./verify.mjs";

const VERIFY = path.join(import.meta.dirname, "verify.mjs");
let root: string;
let good: TestBundle;
let cases = 0;

// 42 entries; checkpoints at 1, 8, 13, 30 and 40, so the last two entries are not yet signed.
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-verify-"));
  good = await makeBundle(path.join(root, "good"), { count: 42, sizes: [1, 8, 13, 30, 40] });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function run(args: string[], cwd = "/"): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [VERIFY, ...args], { cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the good bundle, changed by `tamper`. */
function tampered(tamper: (dir: string) => void): string {
  const dir = path.join(root, `case${(cases += 1)}`);
  fs.cpSync(good.dir, dir, { recursive: true });
  tamper(dir);
  return dir;
}

const entriesFile = (dir: string): string => path.join(dir, "entries.jsonl");
function editLines(dir: string, edit: (lines: string[]) => string[]): void {
  const lines = fs.readFileSync(entriesFile(dir), "utf8").split("\n").slice(0, -1);
  fs.writeFileSync(
    entriesFile(dir),
    edit(lines)
      .map((l) => `${l}\n`)
      .join(""),
  );
}

function expectOneLineFailure(args: string[], message: RegExp): void {
  const { code, stdout, stderr } = run(args);
  expect(stderr).toMatch(/^FAIL: [^\n]*\n$/);
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stdout).toBe("");
  expect(code).toBe(1);
}

describe("verify.mjs on a good bundle", () => {
  it("exits 0 with a short summary", () => {
    const { code, stdout, stderr } = run([good.dir]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^OK/);
    expect(stdout).toMatch(/entries\s+42 \(seq 0–41\), org org_test1/);
    expect(stdout).toMatch(/checkpoints\s+5, latest size 40/);
    expect(stdout).toMatch(/the last 2 entries are not yet covered/);
  });

  it("runs as the bundle's own copy, from inside the bundle", () => {
    const result = spawnSync(process.execPath, ["verify.mjs", "."], { cwd: good.dir, encoding: "utf8" });
    expect(result.status).toBe(0);
  });

  it("agrees with an externally saved checkpoint", () => {
    const saved = path.join(root, "saved-13.txt");
    fs.writeFileSync(saved, good.notes[2]);
    expect(run(["--checkpoint", saved, good.dir]).stdout).toMatch(/matches\s+.*saved-13\.txt \(size 13\)/);
  });

  it("is importable: verifyBundle returns the same facts", async () => {
    const summary = await verifyBundle(good.dir);
    expect(summary).toMatchObject({ entries: 42, latestCheckpointSize: 40, unsignedTail: 2, org: "org_test1" });
  });

  it("prints usage and exits 2 without a bundle", () => {
    const { code, stderr } = run([]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage/);
  });
});

describe("verify.mjs on a tampered bundle exits non-zero with one line naming the problem", () => {
  it("an edited entry names its seq", () => {
    const dir = tampered((d) => editLines(d, (lines) => lines.map((l, i) => (i === 5 ? l.replace("村民5号", "村民9号") : l))));
    expectOneLineFailure([dir], /entries\.jsonl line 6: seq 5 does not hash to the prev recorded in seq 6/);
  });

  it("a deleted entry", () => {
    const dir = tampered((d) => editLines(d, (lines) => lines.filter((_, i) => i !== 5)));
    expectOneLineFailure([dir], /entries\.jsonl line 6: seq 6 where 5 was expected/);
  });

  it("reordered entries", () => {
    const dir = tampered((d) => editLines(d, (lines) => [...lines.slice(0, 5), lines[6], lines[5], ...lines.slice(7)]));
    expectOneLineFailure([dir], /entries\.jsonl line 6: seq 6 where 5 was expected/);
  });

  it("a history rewritten with a consistent hash chain is caught by the next checkpoint", () => {
    const dir = tampered((d) =>
      editLines(d, (lines) => {
        const entries = good.entries.map((e) => e.entry);
        const out = lines.slice(0, 20);
        let head = { seq: 19, leafHash: good.entries[19].leafHash };
        for (const entry of entries.slice(20)) {
          const data = entry.seq === 20 ? { ...entry.data, seq: 999 } : entry.data;
          const next = chainEntry(head, { ...entry, data });
          out.push(next.bytes.toString());
          head = { seq: entry.seq, leafHash: next.leafHash };
        }
        return out;
      }),
    );
    expectOneLineFailure([dir], /checkpoints\/30\.txt: root hash does not match entries seq 0–29; an entry in seq 13–29 was changed/);
  });

  it("a truncated log whose checkpoint still covers the lost entries", () => {
    const dir = tampered((d) => editLines(d, (lines) => lines.slice(0, 37)));
    expectOneLineFailure([dir], /checkpoints\/40\.txt: tree size 40 but entries\.jsonl has only 37 entries/);
  });

  it("a truncated log with its later checkpoints removed, against a checkpoint the supervisor saved", () => {
    const saved = path.join(root, "saved-40.txt");
    fs.writeFileSync(saved, good.notes[4]);
    const dir = tampered((d) => {
      editLines(d, (lines) => lines.slice(0, 20));
      for (const size of [30, 40]) fs.rmSync(path.join(d, "checkpoints", `${size}.txt`));
    });
    expect(run([dir]).code).toBe(0); // the bundle alone cannot know what it lost …
    expectOneLineFailure(["--checkpoint", saved, dir], /saved-40\.txt: tree size 40 but entries\.jsonl has only 20 entries/); // … the saved checkpoint does
  });

  it.each([
    ["vkey", /^FAIL: vkey: missing file/],
    ["log.pub", /^FAIL: log\.pub: missing file/],
    ["entries.jsonl", /^FAIL: entries\.jsonl: missing file/],
    ["checkpoints", /^FAIL: checkpoints\/: missing directory/],
  ])("a missing %s", (name, message) => {
    const dir = tampered((d) => fs.rmSync(path.join(d, name), { recursive: true }));
    expectOneLineFailure([dir], message);
  });

  it("a malformed line", () => {
    const dir = tampered((d) => editLines(d, (lines) => lines.map((l, i) => (i === 2 ? "{oops" : l))));
    expectOneLineFailure([dir], /entries\.jsonl line 3: not valid JSON/);
  });

  it("a line that is valid JSON but not canonical", () => {
    const dir = tampered((d) => editLines(d, (lines) => lines.map((l, i) => (i === 3 ? l.replace('"v":1', '"v": 1') : l))));
    expectOneLineFailure([dir], /entries\.jsonl line 4: not in RFC 8785 canonical form/);
  });

  it("a last line cut short", () => {
    const dir = tampered((d) => fs.truncateSync(entriesFile(d), fs.statSync(entriesFile(d)).size - 1));
    expectOneLineFailure([dir], /entries\.jsonl line 42: no newline at the end/);
  });

  it("the wrong key", () => {
    const other = makeAuditKey();
    const name = good.signer.keyName("yishi.test/org/org_test1");
    const dir = tampered((d) => {
      fs.writeFileSync(path.join(d, "vkey"), `${formatVkey(name, other.publicKey)}\n`);
      fs.writeFileSync(path.join(d, "log.pub"), rawToSpkiPem(other.publicKey));
    });
    expectOneLineFailure([dir], /checkpoints\/1\.txt: not signed by any known key/);
  });

  it("log.pub that is not among the vkey keys", () => {
    const dir = tampered((d) => fs.writeFileSync(path.join(d, "log.pub"), rawToSpkiPem(makeAuditKey().publicKey)));
    expectOneLineFailure([dir], /log\.pub: this key is not listed in vkey/);
  });

  it("a bad signature", () => {
    const dir = tampered((d) => {
      const file = path.join(d, "checkpoints", "8.txt");
      const text = fs.readFileSync(file, "utf8");
      const at = text.length - 10; // inside the signature's base64, past the key ID
      fs.writeFileSync(file, text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1));
    });
    expectOneLineFailure([dir], /checkpoints\/8\.txt: bad signature by key/);
  });

  it("no checkpoint at all", () => {
    const dir = tampered((d) => {
      for (const name of fs.readdirSync(path.join(d, "checkpoints"))) fs.rmSync(path.join(d, "checkpoints", name));
    });
    expectOneLineFailure([dir], /checkpoints\/: no signed checkpoint covers the entries/);
  });

  it("a checkpoint of another log than the one the supervisor expects", () => {
    expectOneLineFailure(["--origin", "yishi.test/org/other", good.dir], /checkpoints\/1\.txt: origin is yishi\.test\/org\/org_test1, expected/);
  });

  it("a checkpoint filed under the wrong size", () => {
    const dir = tampered((d) => fs.renameSync(path.join(d, "checkpoints", "8.txt"), path.join(d, "checkpoints", "9.txt")));
    expectOneLineFailure([dir], /checkpoints\/9\.txt: tree size is 8, not 9/);
  });
});

describe("verifyBundle with worker threads and small chunks gives the same answers", () => {
  const modes = [
    { workers: 2, chunkBytes: 700 },
    { workers: 1, chunkBytes: 100 }, // smaller than a line: the read buffer grows
    { workers: 0, chunkBytes: 333 },
  ];

  it.each(modes)("accepts the good bundle (%o)", async (mode) => {
    const summary = await verifyBundle(good.dir, mode);
    expect(summary).toMatchObject({ entries: 42, latestCheckpointSize: 40 });
    expect(summary.root).toEqual((await verifyBundle(good.dir)).root);
  });

  const edits: [string, (lines: string[]) => string[], RegExp][] = [
    ["an edited entry", (lines) => lines.map((l, i) => (i === 30 ? l.replace("村民30号", "村民31号") : l)), /line 31: seq 30 does not hash/],
    ["a deleted entry", (lines) => lines.filter((_, i) => i !== 20), /line 21: seq 21 where 20 was expected/],
    ["a malformed line", (lines) => lines.map((l, i) => (i === 11 ? "{oops" : l)), /line 12: not valid JSON/],
    ["another org", (lines) => lines.map((l, i) => (i === 9 ? l.replace('"org":"org_test1"', '"org":"org_test2"') : l)), /line 10: org org_test2 differs/],
    ["a truncated log", (lines) => lines.slice(0, 39), /checkpoints\/40\.txt: tree size 40 but entries\.jsonl has only 39/],
  ];
  for (const mode of modes) {
    it.each(edits)(`names the first problem: %s (${JSON.stringify(mode)})`, async (_, edit, message) => {
      const dir = tampered((d) => editLines(d, edit));
      await expect(verifyBundle(dir, mode)).rejects.toThrow(message);
    });
  }
});
