import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { zipFolderStream } from "./zipBundle";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "yishi-zip-test-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return new Uint8Array(Buffer.concat(chunks));
}

describe("the bundle zip", () => {
  it("holds every file of the folder, byte for byte, under one top folder, and cleans up after itself", async () => {
    const big = randomBytes(900 * 1024); // several read chunks, incompressible
    const lines = Buffer.from(Array.from({ length: 5000 }, (_, i) => `{"seq":${i}}\n`).join(""));
    mkdirSync(path.join(dir, "checkpoints"));
    writeFileSync(path.join(dir, "entries.jsonl"), lines);
    writeFileSync(path.join(dir, "big.bin"), big);
    writeFileSync(path.join(dir, "checkpoints", "12.txt"), "origin\n12\nroot\n");
    writeFileSync(path.join(dir, "empty"), "");
    let cleaned = 0;
    const zip = await collect(
      zipFolderStream(dir, "bundle-x", new Date(Date.UTC(2026, 0, 1)), async () => {
        cleaned += 1;
      }),
    );
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["bundle-x/big.bin", "bundle-x/checkpoints/12.txt", "bundle-x/empty", "bundle-x/entries.jsonl"]);
    expect(Buffer.from(files["bundle-x/big.bin"] as Uint8Array).equals(big)).toBe(true);
    expect(Buffer.from(files["bundle-x/entries.jsonl"] as Uint8Array).equals(lines)).toBe(true);
    expect(Buffer.from(files["bundle-x/checkpoints/12.txt"] as Uint8Array).toString()).toBe("origin\n12\nroot\n");
    expect(files["bundle-x/empty"]).toHaveLength(0);
    expect(cleaned).toBe(1);
  });
});
