/**
 * Verifying an export bundle of 1,000,000 entries with verify.mjs (what a supervisor runs). Target (issue #4):
 * 10 s or less. Building the bundle is not timed. Not a test: prints a table and returns `{ entries, ms }`.
 *
 *   npx tsx bench/auditVerify.ts [entries]
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type ChainHead, chainEntry } from "../server/audit/canonical";
import { writeBundle } from "../server/audit/exportBundle";
import { CompactRange } from "../server/audit/merkle";
import { CheckpointSigner } from "../server/audit/signer";
import { entryFields, makeAuditKey, TEST_ORG, TEST_ORIGIN } from "../server/audit/testLog";
import { leafHash, verifyBundle } from "../server/audit/verify.mjs";
import { hashFloor } from "./lib/hashFloor";

export type VerifyResult = { entries: number; ms: number; floor_ms: number };

/** The same deterministic log on every pass, without holding it in memory. */
function* entryBytes(count: number): Generator<Buffer> {
  let head: ChainHead | null = null;
  for (let seq = 0; seq < count; seq += 1) {
    const encoded = chainEntry(head, entryFields(seq, TEST_ORG));
    head = { seq, leafHash: encoded.leafHash };
    yield encoded.bytes;
  }
}

export async function run(count = 1_000_000): Promise<VerifyResult & { mb: number; buildMs: number; cpuMs: number; load: number }> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "yishi-bench-verify-")), "bundle");
  try {
    const builtAt = performance.now();
    const key = makeAuditKey();
    const signer = new CheckpointSigner({ keys: [key] });
    const range = new CompactRange();
    for (const bytes of entryBytes(count)) range.push(leafHash(bytes));
    const note = signer.sign({ origin: TEST_ORIGIN, previous: null, next: { size: count, root: range.root() }, evidence: { proof: [] } });
    await writeBundle(dir, {
      origin: TEST_ORIGIN,
      entries: entryBytes(count),
      checkpoints: [note],
      keys: [{ name: signer.keyName(TEST_ORIGIN), publicKey: key.publicKey }],
      exportedAt: new Date(),
      verify: false,
    });
    const buildMs = Math.round(performance.now() - builtAt);
    // CPU time (all threads, workers included) beside wall time: on a shared machine the wall time includes waiting.
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await verifyBundle(dir);
    const ms = Math.round(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    if (summary.entries !== count) throw new Error(`verified ${summary.entries} entries, expected ${count}`);
    // The floor, in the same run on the same file: hashing its bytes with node:crypto in one process.
    const floor = hashFloor(path.join(dir, "entries.jsonl"));
    if (floor.entries !== count) throw new Error(`the floor hashed ${floor.entries} entries, expected ${count}`);
    const mb = Math.round(statSync(path.join(dir, "entries.jsonl")).size / 1e6);
    return { entries: count, ms, floor_ms: Math.round(floor.ms), mb, buildMs, cpuMs, load: Math.round(loadavg()[0] * 10) / 10 };
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await run(Number(process.argv[2] ?? 1_000_000));
  console.log("verify.mjs on an export bundle (target ≤ 10 s for 1,000,000 entries)");
  console.table([
    {
      entries: result.entries,
      "entries.jsonl MB": result.mb,
      "verify ms": result.ms,
      "floor ms (node:crypto, one process)": result.floor_ms,
      "verify CPU ms": result.cpuMs,
      "load avg": result.load,
      "build ms (untimed)": result.buildMs,
    },
  ]);
  console.log(JSON.stringify({ entries: result.entries, ms: result.ms, floor_ms: result.floor_ms }));
}
