// The witness as its own process, killed with SIGKILL while checkpoints stream in, then restarted on the same data
// directory: every cosignature it ever returned must still be backed by its stored state, and no size may ever have
// been cosigned with two different roots (tlog-witness: persist before answering, check-and-update atomically).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseNote } from "../audit/verify.mjs";
import { TestLog } from "./testLogs";

const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-witness-"));
const log = new TestLog("yishi.test/org/hall");
let child: ChildProcess | null = null;

function start(): Promise<{ base: string; child: ChildProcess }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "server/witness/cli.ts"], {
    env: { ...process.env, WITNESS_DATA_DIR: dataDir, WITNESS_PORT: "0", WITNESS_LOG_KEYS: log.vkey, DATABASE_URL: "", WITNESS_DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = "";
    let errors = "";
    proc.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (match) resolve({ base: match[1]!, child: proc });
    });
    proc.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    proc.once("exit", (code) => reject(new Error(`witness exited (${code}) before listening: ${errors}`)));
  });
}

async function post(base: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}/add-checkpoint`, { method: "POST", body });
  return { status: res.status, text: await res.text() };
}

afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("witness killed with SIGKILL mid-stream", () => {
  it("keeps every cosigned tree and never cosigns two roots for one size", { timeout: 240_000 }, async () => {
    const cosigned = new Map<number, Set<string>>(); // size → roots a 200 was returned for
    const candidates = new Map<string, TestLog>(); // root → a tree with that root
    const acked = { size: 0 };
    const remember = (tree: TestLog, res: { status: number }) => {
      if (res.status !== 200) return;
      const root = tree.root().toString("base64");
      cosigned.set(tree.leaves.length, new Set([...(cosigned.get(tree.leaves.length) ?? []), root]));
      acked.size = Math.max(acked.size, tree.leaves.length);
    };
    // Each round races two different extensions of the same size from the last cosigned tree.
    const rounds = async (base: string, from: TestLog, count: number, onRound?: (round: number) => void) => {
      let current = from;
      for (let round = 0; round < count; round += 1) {
        onRound?.(round);
        const grow = 1 + (round % 3);
        const a = current.fork().grow(grow, `a${round}`);
        const b = current.fork().grow(grow, `b${round}`);
        candidates.set(a.root().toString("base64"), a);
        candidates.set(b.root().toString("base64"), b);
        const old = current.leaves.length;
        const [ra, rb] = await Promise.all([post(base, a.request(old)), post(base, b.request(old))]);
        remember(a, ra);
        remember(b, rb);
        expect([ra.status, rb.status].sort()).toEqual([200, 409]);
        current = ra.status === 200 ? a : b;
      }
      return current;
    };

    const first = await start();
    log.grow(3);
    candidates.set(log.root().toString("base64"), log);
    remember(log, await post(first.base, log.request(0)));
    const before = await rounds(first.base, log, 10);

    // Round 11 onwards: SIGKILL lands while two requests are in flight.
    await rounds(first.base, before, 40, (round) => {
      if (round === 3) setTimeout(() => first.child.kill("SIGKILL"), 1);
    }).catch(() => undefined);
    await new Promise((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve(null) : first.child.once("exit", resolve)));

    const second = await start();
    // The witness tells its size (409 to old 0), and its monitoring endpoint the root it stands by.
    const size = Number((await post(second.base, log.request(0))).text);
    expect(size).toBeGreaterThanOrEqual(acked.size);
    const hash = (await import("node:crypto")).createHash("sha256").update(log.origin).digest("hex");
    const note = await fetch(`${second.base}/${hash}/checkpoint`).then((r) => r.text());
    const root = parseNote(note).text.split("\n")[2]!;
    const stored = candidates.get(root);
    expect(stored?.leaves.length).toBe(size);
    // What it stored after the crash agrees with every cosignature it handed out for that size.
    for (const roots of cosigned.get(size) ?? []) expect(roots).toBe(root);
    await rounds(second.base, stored!, 5);
    for (const [treeSize, roots] of cosigned) expect({ treeSize, roots: roots.size }).toEqual({ treeSize, roots: 1 });
    // A different tree of the size it cosigned last is still refused after the restart.
    const last = [...cosigned.keys()].sort((x, y) => y - x)[0]!;
    const currentRoot = [...cosigned.get(last)!][0]!;
    const other = candidates.get(currentRoot)!.fork();
    other.leaves[other.leaves.length - 1] = Buffer.alloc(32, 7);
    expect((await post(second.base, other.request(last))).status).toBe(422);
    second.child.kill("SIGKILL");
  });
});
