/**
 * A plain POSIX ustar archive, enough for backup files: regular files with short names, no links. An uncompressed
 * outer tar (its members are gzipped where it helps) has a size known before writing, which gives the backup's
 * progress line and the HTTP Content-Length; `tar tvf` lists it anywhere.
 */
import { createReadStream } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import type { Readable, Writable } from "node:stream";

export type TarMember = { name: string; size: number; mode?: number; source: Buffer | string };

const BLOCK = 512;

function header(name: string, size: number, mode: number): Buffer {
  if (Buffer.byteLength(name) > 99 || name.startsWith("/") || name.split("/").includes("..")) throw new Error(`bad archive member name ${name}`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, "utf8");
  block.write(`${mode.toString(8).padStart(7, "0")}\0`, 100, "ascii");
  block.write("0000000\0", 108, "ascii");
  block.write("0000000\0", 116, "ascii");
  block.write(`${size.toString(8).padStart(11, "0")}\0`, 124, "ascii");
  block.write(`${Math.floor(Date.now() / 1000).toString(8).padStart(11, "0")}\0`, 136, "ascii");
  block.write("        ", 148, "ascii");
  block.write("0", 156, "ascii");
  block.write("ustar\0", 257, "ascii");
  block.write("00", 263, "ascii");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return block;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Waits for the stream to take more; fails if it closes first (an HTTP client that went away), instead of hanging. */
function drained(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: Error) => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => finish();
    const onClose = () => finish(new Error("the receiving side closed before the archive was complete"));
    out.on("drain", onDrain);
    out.on("close", onClose);
  });
}

export function tarSize(members: readonly TarMember[]): number {
  return members.reduce((sum, m) => sum + BLOCK + m.size + padding(m.size), 0) + 2 * BLOCK;
}

/** Writes the archive; `onBytes` is called with the running total. Members given as a path are streamed from disk. */
export async function writeTar(out: Writable, members: readonly TarMember[], onBytes: (written: number) => void = () => undefined): Promise<void> {
  let written = 0;
  const put = async (chunk: Buffer) => {
    written += chunk.length;
    if (!out.write(chunk)) await drained(out);
    onBytes(written);
  };
  for (const member of members) {
    await put(header(member.name, member.size, member.mode ?? 0o600));
    if (typeof member.source === "string") {
      let seen = 0;
      for await (const chunk of createReadStream(member.source)) {
        seen += (chunk as Buffer).length;
        await put(chunk as Buffer);
      }
      if (seen !== member.size) throw new Error(`${member.name} changed while it was archived`);
    } else {
      await put(member.source);
    }
    if (padding(member.size) > 0) await put(Buffer.alloc(padding(member.size)));
  }
  await put(Buffer.alloc(2 * BLOCK));
}

/** Extracts every member under `dir` (which must exist); returns their names. Refuses names that leave `dir`. */
export async function extractTar(input: Readable, dir: string, onBytes: (read: number) => void = () => undefined): Promise<string[]> {
  const names: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let read = 0;
  let current: { name: string; left: number; pad: number; file: Awaited<ReturnType<typeof open>> | null } | null = null;
  let ended = false;
  for await (const chunk of input) {
    read += (chunk as Buffer).length;
    onBytes(read);
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    for (;;) {
      if (ended) break;
      if (current) {
        if (current.left > 0) {
          if (pending.length === 0) break;
          const take = Math.min(current.left, pending.length);
          await current.file?.write(pending.subarray(0, take));
          current.left -= take;
          pending = pending.subarray(take);
          continue;
        }
        if (pending.length < current.pad) break;
        pending = pending.subarray(current.pad);
        await current.file?.close();
        current = null;
        continue;
      }
      if (pending.length < BLOCK) break;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((b) => b === 0)) {
        ended = true;
        break;
      }
      const name = block.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
      const size = Number.parseInt(block.subarray(124, 136).toString("ascii").replace(/\0.*$/s, "").trim() || "0", 8);
      const type = String.fromCharCode(block[156] ?? 48);
      const target = path.resolve(dir, name);
      if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`archive member ${name} leaves the folder`);
      let file: Awaited<ReturnType<typeof open>> | null = null;
      if (type === "0" || type === "\0") {
        await mkdir(path.dirname(target), { recursive: true });
        file = await open(target, "wx", 0o600);
        names.push(name);
      }
      current = { name, left: size, pad: padding(size), file };
    }
  }
  if (current?.file) await current.file.close();
  if (!ended || current) throw new Error("the archive is cut short (an incomplete backup file)");
  return names;
}
