/**
 * Writes an export bundle folder (DESIGN.md §6): entries.jsonl, checkpoints/<size>.txt, log.pub, vkey, README.txt
 * and a copy of verify.mjs. Reading the database and zipping are the caller's; this only writes files, then (by
 * default) runs the same verifier a supervisor will, so a bundle that would fail is never handed out.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rawToSpkiPem } from "./auditKey";
import { bundleReadme } from "./bundleReadme";
import { readCheckpoint } from "./checkpoint";
import { formatVkey, parseNote } from "./note";
import type { BundleSummary } from "./verify.mjs";
import { verifyBundle } from "./verify.mjs";

export interface BundleKey {
  /** Key name as it appears in signature lines (the origin, by default). */
  name: string;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

export interface BundleInput {
  origin: string;
  orgName?: string;
  /** Every entry's exact stored bytes, seq 0 upwards, without a newline. */
  entries: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  /** Every signed checkpoint note of this log. */
  checkpoints: readonly string[];
  /** Every key that ever signed this log, oldest first; the last is the current one (log.pub). */
  keys: readonly BundleKey[];
  exportedAt: Date;
  /** Verifier keys of the witnesses the server asks to cosign (named in README.txt for reference only). */
  witnesses?: readonly string[];
  /** Where verify.mjs is read from; default: beside this module, else server/audit/ under the working directory. */
  verifierPath?: string;
  /** Run verifyBundle on the result (default true; ~5 µs per entry). */
  verify?: boolean;
  /** Worker threads for that check (verifyBundle's option); 0 inside Next's bundle, where workers cannot start. */
  workers?: number;
}

const WRITE_BATCH_BYTES = 1 << 20;

function defaultVerifierPath(): string {
  const candidates: string[] = [];
  try {
    candidates.push(fileURLToPath(new URL("./verify.mjs", import.meta.url)));
  } catch {
    // Bundlers may rewrite import.meta.url; fall back to the source tree.
  }
  candidates.push(path.join(process.cwd(), "server", "audit", "verify.mjs"));
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found === undefined) throw new Error(`verify.mjs not found (looked in ${candidates.join(", ")})`);
  return found;
}

async function writeEntries(file: string, entries: BundleInput["entries"]): Promise<number> {
  const handle = await fs.promises.open(file, "wx");
  let count = 0;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const NEWLINE = Buffer.from("\n");
  try {
    for await (const bytes of entries) {
      if (bytes.includes(0x0a)) throw new Error(`entry ${count} contains a newline; entries are canonical JSON`);
      batch.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), NEWLINE);
      batchBytes += bytes.length + 1;
      count += 1;
      if (batchBytes >= WRITE_BATCH_BYTES) {
        await handle.write(Buffer.concat(batch, batchBytes));
        batch = [];
        batchBytes = 0;
      }
    }
    if (batchBytes > 0) await handle.write(Buffer.concat(batch, batchBytes));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return count;
}

/**
 * Writes the bundle into `dir`, which must not exist yet or be empty. Returns the verifier's summary when
 * `verify` is on (it throws VerifyError, naming the problem, if the bundle does not check).
 */
export async function writeBundle(dir: string, input: BundleInput): Promise<{ entries: number; summary: BundleSummary | null }> {
  if (input.keys.length === 0) throw new Error("a bundle needs the public key(s) that signed it");
  await fs.promises.mkdir(dir, { recursive: true });
  if ((await fs.promises.readdir(dir)).length > 0) throw new Error(`${dir} is not empty`);
  await fs.promises.mkdir(path.join(dir, "checkpoints"));

  const sizes: number[] = [];
  const cosigned: number[] = [];
  for (const note of input.checkpoints) {
    const { size, origin } = readCheckpoint(note);
    if (origin !== input.origin) throw new Error(`checkpoint of size ${size} is for ${origin}, not ${input.origin}`);
    if (sizes.includes(size)) continue; // the same tree head signed twice: keep the first
    sizes.push(size);
    // Lines after the log's own signatures are witness cosignatures (the log's key name is the origin by default).
    if (parseNote(note).signatures.some((sig) => sig.signature.length === 72)) cosigned.push(size);
    await fs.promises.writeFile(path.join(dir, "checkpoints", `${size}.txt`), note, { flag: "wx" });
  }
  const entries = await writeEntries(path.join(dir, "entries.jsonl"), input.entries);
  const current = input.keys[input.keys.length - 1];
  await fs.promises.writeFile(path.join(dir, "log.pub"), rawToSpkiPem(current.publicKey));
  const vkeys = input.keys.map((k) => `${formatVkey(k.name, k.publicKey)}\n`).join("");
  await fs.promises.writeFile(path.join(dir, "vkey"), vkeys);
  const { origin, orgName, exportedAt } = input;
  const readme = bundleReadme({ origin, orgName, entries, checkpointSizes: sizes, exportedAt, witnesses: input.witnesses ?? [], cosignedSizes: cosigned });
  await fs.promises.writeFile(path.join(dir, "README.txt"), readme);
  await fs.promises.copyFile(input.verifierPath ?? defaultVerifierPath(), path.join(dir, "verify.mjs"));

  const summary = input.verify === false ? null : await verifyBundle(dir, { origin: input.origin, workers: input.workers });
  return { entries, summary };
}
