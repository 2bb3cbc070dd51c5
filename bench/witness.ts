/**
 * `npm run bench:witness` (issue #21): a witness (server/witness) on its default embedded database, over HTTP.
 *   1. cosigning latency: one log, checkpoints submitted one after another, each a consistent extension of the last;
 *   2. many logs: a witness configured with 2,000 logs (each with its own key) takes a first checkpoint of each,
 *      then a consistent newer one with a proof, from several clients at once.
 * Prints p50/p99 latencies and throughput. Never part of a test's pass or fail; not run by the tests.
 *
 *   options: --logs N (2000) --rounds N (300, for part 1) --concurrency N (16) --postgres (use DATABASE_URL)
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { NoteVerifier } from "../server/audit/verify.mjs";
import { parseVkey } from "../server/audit/verify.mjs";
import { ed25519Cosigner } from "../server/witness/cosigner";
import { createWitnessServer, listen } from "../server/witness/server";
import { openWitnessStore } from "../server/witness/store";
import { TestLog } from "../server/witness/testLogs";
import { Witness } from "../server/witness/witness";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LOGS = option("logs", 2000);
const ROUNDS = option("rounds", 300);
const CONCURRENCY = option("concurrency", 16);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (n: number) => `${n.toFixed(1)} ms`;
function summary(label: string, samples: number[], wallMs: number): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const rate = (samples.length / wallMs) * 1000;
  console.log(
    `${label.padEnd(44)} n=${samples.length}  p50 ${ms(percentile(sorted, 50))}  p99 ${ms(percentile(sorted, 99))}  max ${ms(sorted[sorted.length - 1] ?? 0)}  ${rate.toFixed(0)}/s  total ${(wallMs / 1000).toFixed(1)} s`,
  );
}

async function post(base: string, body: string): Promise<number> {
  const res = await fetch(`${base}/add-checkpoint`, { method: "POST", body });
  await res.text();
  if (res.status !== 200) throw new Error(`witness answered ${res.status}`);
  return res.status;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-witness-bench-"));
  const one = new TestLog("bench.example/org/one");
  const many = Array.from({ length: LOGS }, (_, i) => new TestLog(`bench.example/org/v${i}`, generateKeyPairSync("ed25519").privateKey));
  const logs = new Map<string, NoteVerifier[]>([one, ...many].map((log) => [log.origin, [parseVkey(log.vkey)]]));
  const store = await openWitnessStore({ dataDir, databaseUrl: args.includes("--postgres") ? process.env.DATABASE_URL : undefined });
  const cosigner = ed25519Cosigner("bench.example/witness", generateKeyPairSync("ed25519").privateKey);
  const server = createWitnessServer(new Witness(cosigner, logs, store), store, logs);
  const base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
  console.log(`witness bench: PGlite in ${dataDir}${args.includes("--postgres") ? " (PostgreSQL)" : ""}, ${LOGS} logs, concurrency ${CONCURRENCY}`);

  // The Ed25519 cosignature alone.
  const body = one.grow(1).checkpoint().split("\n\n")[0] + "\n";
  const signing: number[] = [];
  const signStart = performance.now();
  for (let i = 0; i < 2000; i += 1) {
    const t0 = performance.now();
    cosigner.cosign(body, 1_700_000_000 + i);
    signing.push(performance.now() - t0);
  }
  summary("cosignature only (Ed25519 sign)", signing, performance.now() - signStart);

  // 1. One log, sequential add-checkpoint over HTTP (proof check + durable write + cosign).
  await post(base, one.request(0));
  const latency: number[] = [];
  const seqStart = performance.now();
  for (let round = 0; round < ROUNDS; round += 1) {
    const old = one.leaves.length;
    one.grow(1 + (round % 7));
    const request = one.request(old);
    const t0 = performance.now();
    await post(base, request);
    latency.push(performance.now() - t0);
  }
  summary("add-checkpoint, one log, sequential", latency, performance.now() - seqStart);

  // 2. Many logs: first checkpoints, then consistent updates with proofs, CONCURRENCY clients.
  const runAll = async (label: string, make: (log: TestLog) => string) => {
    const bodies = many.map(make);
    const samples: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const request = bodies[next] as string;
          next += 1;
          const t0 = performance.now();
          await post(base, request);
          samples.push(performance.now() - t0);
        }
      }),
    );
    summary(label, samples, performance.now() - start);
  };
  await runAll(`${LOGS} logs, first checkpoint (old 0)`, (log) => log.grow(5).request(0));
  await runAll(`${LOGS} logs, consistent update with proof`, (log) => {
    const old = log.leaves.length;
    return log.grow(20).request(old);
  });

  server.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
