/**
 * The supervisor console's download: the same bundle `npm run audit:export` writes (exportFromDb.ts), as a .zip
 * streamed with fflate. Every file sits under one folder named after the bundle, so unzipping never spills files
 * into the current directory; `node <folder>/verify.mjs <folder>` then checks it.
 */
import { createReadStream } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Zip, ZipDeflate } from "fflate";
import { type ExportResult, exportOrgBundle } from "./exportFromDb";

/** Relative paths of every file under `dir`, sorted, with "/" separators. */
async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(path.join(dir, prefix), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

async function* fileChunks(dir: string, files: string[]): AsyncGenerator<{ name: string; chunk: Uint8Array | null }> {
  for (const name of files) {
    for await (const chunk of createReadStream(path.join(dir, name), { highWaterMark: 256 * 1024 })) {
      yield { name, chunk: chunk as Buffer };
    }
    yield { name, chunk: null };
  }
}

/** A zip of the folder's files under `root/`, produced as the reader pulls (bounded memory). Calls `done` at the end. */
export function zipFolderStream(dir: string, root: string, mtime: Date, done: () => Promise<void>): ReadableStream<Uint8Array> {
  let chunks: AsyncGenerator<{ name: string; chunk: Uint8Array | null }> | null = null;
  let zip: Zip | null = null;
  let current: ZipDeflate | null = null;
  let finished = false;
  let emitted = 0;
  const finish = async () => {
    if (finished) return;
    finished = true;
    await done();
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      chunks = fileChunks(dir, await listFiles(dir));
      zip = new Zip((error, data, final) => {
        if (error) {
          controller.error(error);
          void finish();
          return;
        }
        emitted += 1;
        controller.enqueue(data);
        if (final) {
          controller.close();
          void finish();
        }
      });
    },
    // A pull must enqueue something (or end the stream), or a waiting reader is never woken: feed chunks until the
    // deflater emits output.
    async pull() {
      if (!chunks || !zip) return;
      const before = emitted;
      while (emitted === before && !finished) {
        const next = await chunks.next();
        if (next.done) {
          zip.end();
          return;
        }
        const { name, chunk } = next.value;
        if (current === null) {
          current = new ZipDeflate(`${root}/${name}`, { level: 6 });
          current.mtime = mtime;
          zip.add(current);
        }
        if (chunk === null) {
          current.push(new Uint8Array(0), true);
          current = null;
        } else {
          current.push(chunk);
        }
      }
    },
    async cancel() {
      await chunks?.return(undefined);
      zip?.terminate();
      await finish();
    },
  });
}

export type BundleZip = { fileName: string; stream: ReadableStream<Uint8Array>; result: ExportResult };

/** Exports the organization's bundle (signing a checkpoint first if entries are unsigned) and zips it. */
export async function bundleZip(orgId: string, now: Date = new Date()): Promise<BundleZip> {
  const temp = await mkdtemp(path.join(tmpdir(), "yishi-zip-"));
  const cleanup = () => rm(temp, { recursive: true, force: true });
  try {
    // workers: 0 — this runs inside Next's bundle, where verify.mjs cannot start worker threads from its own URL.
    const dir = path.join(temp, "bundle");
    const result = await exportOrgBundle(orgId, dir, { workers: 0, exportedAt: now });
    const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
    const root = `yishi-audit-${orgId}-${stamp}`;
    return { fileName: `${root}.zip`, stream: zipFolderStream(dir, root, now, cleanup), result };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
