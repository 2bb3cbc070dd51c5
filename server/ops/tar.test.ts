import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { Header } from "tar";
import { afterEach, describe, expect, it } from "vitest";
import { extractTar, type TarMember, tarSize, writeTar } from "./tar";

async function archive(members: TarMember[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await writeTar(out, members);
  out.end();
  return Buffer.concat(chunks);
}

describe("backup archives", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const freshDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "yishi-tar-"));
    dirs.push(dir);
    return dir;
  };

  it("round-trips members of any size, in the size announced beforehand, even when read in tiny pieces", async () => {
    const big = Buffer.alloc(70_000, 7);
    const members = [
      { name: "manifest.json", size: 2, source: Buffer.from("{}") },
      { name: "tables/001-平洲.jsonl.gz", size: big.length, source: big },
      { name: "empty", size: 0, source: Buffer.alloc(0) },
    ];
    const bytes = await archive(members);
    expect(bytes.length).toBe(tarSize(members));
    const dir = freshDir();
    const pieces = Array.from({ length: Math.ceil(bytes.length / 333) }, (_, i) => bytes.subarray(i * 333, (i + 1) * 333));
    expect(await extractTar(Readable.from(pieces), dir)).toEqual(["manifest.json", "tables/001-平洲.jsonl.gz", "empty"]);
    expect(readFileSync(path.join(dir, "tables/001-平洲.jsonl.gz")).equals(big)).toBe(true);
  });

  it("refuses a file cut short, and member names that leave the folder", async () => {
    const bytes = await archive([{ name: "a.txt", size: 5, source: Buffer.from("hello") }]);
    await expect(extractTar(Readable.from([bytes.subarray(0, 700)]), freshDir())).rejects.toThrow(/cut short/);
    await expect(archive([{ name: "../evil", size: 1, source: Buffer.from("x") }])).rejects.toThrow(/bad archive member/);
  });

  it("refuses an archive cut between two members or inside its end, and a member that would land outside the folder", async () => {
    const bytes = await archive([
      { name: "a.txt", size: 5, source: Buffer.from("hello") },
      { name: "b.txt", size: 3, source: Buffer.from("abc") },
    ]);
    for (const cut of [1024, bytes.length - 1024, bytes.length - 512, bytes.length - 1]) {
      await expect(extractTar(Readable.from([bytes.subarray(0, cut)]), freshDir())).rejects.toThrow(/cut short/);
    }
    const header = new Header({ path: "../evil", mode: 0o600, size: 1, mtime: new Date(), type: "File" });
    header.encode();
    const escaping = Buffer.concat([header.block as Buffer, Buffer.alloc(512), Buffer.alloc(1024)]);
    const dir = freshDir();
    await expect(extractTar(Readable.from([escaping]), path.join(dir, "inside"))).rejects.toThrow(/leaves the folder/);
    expect(existsSync(path.join(dir, "evil"))).toBe(false);
  });
});
