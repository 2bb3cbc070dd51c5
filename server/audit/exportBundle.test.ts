import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleReadme } from "./bundleReadme";
import { writeBundle } from "./exportBundle";
import { leafHash } from "./merkle";
import { CheckpointSigner } from "./signer";
import { makeAuditKey, makeEntries, signCheckpoints, TEST_ORIGIN } from "./testLog";

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-export-"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function input(count: number, sizes: number[]) {
  const keys = [makeAuditKey(), makeAuditKey()];
  const signer = new CheckpointSigner({ keys });
  const entries = makeEntries(count);
  return {
    origin: TEST_ORIGIN,
    entries: entries.map((e) => e.bytes),
    checkpoints: signCheckpoints(entries, sizes, signer),
    keys: keys.map((k) => ({ name: signer.keyName(TEST_ORIGIN), publicKey: k.publicKey })),
    exportedAt: new Date("2025-06-01T00:00:00Z"),
  };
}

async function* slowly(items: readonly Buffer[]): AsyncGenerator<Buffer> {
  for (const item of items) yield item;
}

describe("writeBundle", () => {
  it("writes every file of the bundle and checks it with the verifier", async () => {
    const dir = path.join(root, "a");
    const data = input(9, [4, 9]);
    const { entries, summary } = await writeBundle(dir, { ...data, entries: slowly(data.entries) });
    expect(entries).toBe(9);
    expect(fs.readdirSync(dir).sort()).toEqual(["README.txt", "checkpoints", "entries.jsonl", "log.pub", "verify.mjs", "vkey"]);
    expect(fs.readdirSync(path.join(dir, "checkpoints")).sort()).toEqual(["4.txt", "9.txt"]);
    expect(fs.readFileSync(path.join(dir, "entries.jsonl"))).toEqual(Buffer.concat(data.entries.flatMap((e) => [e, Buffer.from("\n")])));
    expect(fs.readFileSync(path.join(dir, "vkey"), "utf8").split("\n")).toHaveLength(3); // two keys (rotation) + final newline
    expect(fs.readFileSync(path.join(dir, "verify.mjs"))).toEqual(fs.readFileSync(path.join(import.meta.dirname, "verify.mjs")));
    expect(summary).toMatchObject({ entries: 9, latestCheckpointSize: 9, unsignedTail: 0 });
  });

  it("refuses a folder that is not empty, and a checkpoint of another log", async () => {
    const dir = path.join(root, "b");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "x"), "");
    await expect(writeBundle(dir, input(2, [2]))).rejects.toThrow(/not empty/);
    await expect(writeBundle(path.join(root, "c"), { ...input(2, [2]), origin: "yishi.test/org/other" })).rejects.toThrow(/not yishi.test\/org\/other/);
  });

  it("does not hand out a bundle whose checkpoints do not match its entries", async () => {
    const data = input(6, [6]);
    await expect(writeBundle(path.join(root, "d"), { ...data, entries: data.entries.slice(0, 5) })).rejects.toThrow(
      /checkpoints\/6\.txt: tree size 6 but entries\.jsonl has only 5/,
    );
  });
});

const hasTools = ["openssl", "jq", "xxd", "sha256sum"].every((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0);

describe("README.txt", () => {
  it("explains the check in Chinese and English", () => {
    const text = bundleReadme({ origin: TEST_ORIGIN, orgName: "测试村", entries: 9, checkpointSizes: [4, 9], exportedAt: new Date() });
    expect(text).toMatch(/一键校验/);
    expect(text).toMatch(/One-command check/);
    expect(text).toMatch(/checkpoints\/9\.txt/);
  });

  // The hand-check commands must work as printed: run the English section's commands inside a real bundle.
  it.skipIf(!hasTools)("gives shell commands that really check the hash chain, signature and key ID", async () => {
    const dir = path.join(root, "readme");
    const key = makeAuditKey();
    const signer = new CheckpointSigner({ keys: [key] });
    const entries = makeEntries(9);
    await writeBundle(dir, {
      origin: TEST_ORIGIN,
      entries: entries.map((e) => e.bytes),
      checkpoints: signCheckpoints(entries, [1, 9], signer),
      keys: [{ name: signer.keyName(TEST_ORIGIN), publicKey: key.publicKey }],
      exportedAt: new Date(),
    });
    const readme = fs.readFileSync(path.join(dir, "README.txt"), "utf8");
    const commands = readme
      .slice(readme.indexOf("3. By hand"))
      .split("\n")
      .filter((line) => line.startsWith("       ") && !line.includes("LEAF0_HEX"))
      .map((line) => line.trim());
    const out = commands.map((command) => spawnSync("bash", ["-c", command], { cwd: dir, encoding: "utf8" }).stdout.trim());
    // [jq tsv, jq select, leaf hash of line 5, prev of line 6, head, sed sig, openssl, key id, key id, root of 1.txt]
    expect(out[2].slice(0, 64)).toBe(out[3]);
    expect(out[2].slice(0, 64)).toBe(leafHash(entries[4].bytes).toString("hex"));
    expect(out[6]).toBe("Signature Verified Successfully");
    expect(out[7]).toBe(out[8]);
    expect(out[9]).toBe(leafHash(entries[0].bytes).toString("hex"));
  });
});
