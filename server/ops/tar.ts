/**
 * The backup file's outer archive: a POSIX tar of regular files, no links. The format (headers, PAX records for
 * UTF-8 names, parsing) is npm's own `tar` package; what stays here is what a backup needs on top of it: a size known
 * before writing (the backup's progress line and the HTTP Content-Length), backpressure towards a client that may go
 * away, members streamed from disk, and refusing an archive that is cut short or names leaving the folder.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { Header, Parser, Pax, type ReadEntry } from "tar";

export type TarMember = { name: string; size: number; mode?: number; source: Buffer | string };

const BLOCK = 512;
/** Two zero blocks close every archive. */
const END = Buffer.alloc(2 * BLOCK);

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** The header block(s) of a member, as the library encodes them: a PAX record first when the name is not ASCII. */
function headerOf(member: TarMember, mtime: Date): Buffer {
  const { name } = member;
  if (Buffer.byteLength(name) > 99 || name.startsWith("/") || name.split("/").includes("..")) throw new Error(`bad archive member name ${name}`);
  const header = new Header({ path: name, mode: member.mode ?? 0o600, uid: 0, gid: 0, size: member.size, mtime, type: "File" });
  const needsPax = header.encode();
  const block = header.block as Buffer;
  return needsPax ? Buffer.concat([new Pax({ path: name }).encode(), block]) : block;
}

/** Whole seconds: a header stores no fractions, and the sizes computed beforehand must match what is written. */
const nowSeconds = () => new Date(Math.floor(Date.now() / 1000) * 1000);

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
  const mtime = nowSeconds();
  return members.reduce((sum, m) => sum + headerOf(m, mtime).length + m.size + padding(m.size), 0) + END.length;
}

/** Writes the archive; `onBytes` is called with the running total. Members given as a path are streamed from disk. */
export async function writeTar(out: Writable, members: readonly TarMember[], onBytes: (written: number) => void = () => undefined): Promise<void> {
  let written = 0;
  const put = async (chunk: Buffer) => {
    written += chunk.length;
    if (!out.write(chunk)) await drained(out);
    onBytes(written);
  };
  const mtime = nowSeconds();
  for (const member of members) {
    await put(headerOf(member, mtime));
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
  await put(END);
}

/** Extracts every member under `dir` (which must exist); returns their names. Refuses names that leave `dir`. */
export async function extractTar(input: Readable, dir: string, onBytes: (read: number) => void = () => undefined): Promise<string[]> {
  const root = path.resolve(dir);
  const names: string[] = [];
  const files: Promise<void>[] = [];
  let failure: Error | null = null;
  const parser = new Parser({
    // Every warning (a damaged header, input ending inside a member) is an error: a backup is whole or refused.
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      const target = path.resolve(root, entry.path);
      if (!target.startsWith(root + path.sep)) {
        failure ??= new Error(`archive member ${entry.path} leaves the folder`);
        parser.abort(failure);
        return;
      }
      if (entry.type !== "File" && entry.type !== "OldFile") {
        entry.resume();
        return;
      }
      names.push(entry.path);
      files.push(
        writeMember(entry, target).catch((error: unknown) => {
          // A file that cannot be written (a name twice in the archive) stops the extraction instead of stalling it.
          failure ??= error as Error;
          entry.resume();
          parser.abort(failure);
        }),
      );
    },
  });
  parser.on("error", (error: Error) => {
    failure ??= error;
  });
  // The parser stops quietly at the end of any member, so completeness is checked here: whole 512-byte blocks, the
  // last two of them zero, as the writer ends every archive.
  let tail = Buffer.alloc(0);
  let read = 0;
  for await (const chunk of input) {
    const bytes = chunk as Buffer;
    read += bytes.length;
    onBytes(read);
    tail = Buffer.concat([tail, bytes]).subarray(-END.length);
    if (!parser.write(bytes) && !failure) await moreOrFailed(parser);
    if (failure) break;
  }
  if (!failure) await new Promise<void>((resolve) => parser.end(resolve));
  await Promise.all(files);
  if (failure) throw friendly(failure);
  if (read % BLOCK !== 0 || tail.length < END.length || !tail.equals(END)) throw new Error("the archive is cut short (an incomplete backup file)");
  return names;
}

/** The parser takes more input, or has given up (an aborted parser never drains). */
function moreOrFailed(parser: Parser): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      parser.off("drain", done);
      parser.off("error", done);
      parser.off("abort", done);
      resolve();
    };
    parser.on("drain", done);
    parser.on("error", done);
    parser.on("abort", done);
  });
}

async function writeMember(entry: ReadEntry, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const file = createWriteStream(target, { flags: "wx", mode: 0o600 });
  entry.pipe(file);
  await finished(file);
}

/** The library's truncation warning, in the words the restore tool has always used. */
function friendly(error: Error): Error {
  return /Truncated input|Unexpected EOF|TAR_BAD_ARCHIVE/.test(error.message)
    ? new Error("the archive is cut short (an incomplete backup file)", { cause: error })
    : error;
}
