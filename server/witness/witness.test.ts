import { createHash, generateKeyPairSync } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { parseVkey, parseWitnessVkey, verifyCosignatures } from "../audit/verify.mjs";
import { ed25519Cosigner } from "./cosigner";
import { formatAddCheckpoint } from "./protocol";
import { createWitnessServer, listen, witnessHandler } from "./server";
import { openWitnessStore, type WitnessStore } from "./store";
import { TestLog } from "./testLogs";
import { Witness } from "./witness";

const cosigner = ed25519Cosigner("witness.test/w1", generateKeyPairSync("ed25519").privateKey);
const witnessKey = parseWitnessVkey(cosigner.vkey);
const log = new TestLog("yishi.test/org/village1");
const stranger = new TestLog("yishi.test/org/unknown");

let store: WitnessStore;
let server: http.Server;
let fresh: { url: string; drop(): Promise<void> } | undefined;
let base: string;

async function post(body: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${base}/add-checkpoint`, { method: "POST", body });
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
}

beforeAll(async () => {
  // PGlite in memory, or a fresh PostgreSQL database when DATABASE_URL is set (the same SQL runs on both).
  fresh = process.env.DATABASE_URL ? await createFreshDatabase(process.env.DATABASE_URL) : undefined;
  store = await openWitnessStore({ dataDir: null, databaseUrl: fresh?.url });
  const logs = new Map([[log.origin, [parseVkey(log.vkey)]]]);
  server = createWitnessServer(new Witness(cosigner, logs, store), store, logs);
  base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
});

afterAll(async () => {
  server.close();
  await store.close();
  await fresh?.drop().catch(() => undefined);
});

describe("witness add-checkpoint (c2sp.org/tlog-witness)", () => {
  it("cosigns a log's first checkpoint, then refuses a stale old size with 409 and the size it knows", async () => {
    log.grow(5);
    const first = await post(log.request(0));
    expect(first.status).toBe(200);
    expect(first.text).toMatch(/^\u2014 witness\.test\/w1 \S+\n$/);
    expect(verifyCosignatures(`${log.checkpoint()}${first.text}`, [witnessKey])).toHaveLength(1);

    log.grow(3);
    const stale = await post(log.request(0));
    expect(stale.status).toBe(409);
    expect(stale.text).toBe("5\n");
    expect(stale.type).toBe("text/x.tlog.size");
  });

  it("accepts a consistent newer checkpoint with a proof from the size it cosigned", async () => {
    const res = await post(log.request(5));
    expect(res.status).toBe(200);
    const cosigned = verifyCosignatures(`${log.checkpoint()}${res.text}`, [witnessKey]);
    expect(cosigned[0]!.timestamp).toBeGreaterThan(1_700_000_000);
    // The monitoring endpoint serves it with the log's signature and the cosignature.
    const hash = createHash("sha256").update(log.origin).digest("hex");
    const served = await fetch(`${base}/${hash}/checkpoint`).then((r) => r.text());
    expect(served.startsWith(`${log.origin}\n8\n`)).toBe(true);
    expect(verifyCosignatures(served, [witnessKey])).toHaveLength(1);
  });

  it("refuses an unknown log (404) and a checkpoint not signed by the log's key (403)", async () => {
    stranger.grow(2);
    expect((await post(stranger.request(0))).status).toBe(404);
    const impostor = new TestLog(log.origin).grow(9);
    expect((await post(impostor.request(8))).status).toBe(403);
    // A signature line with the log's name and key ID but a broken signature is also 403.
    const note = log.checkpoint();
    const broken = note.replace(
      / (\S)(\S+)\n$/,
      (_m, c: string, rest: string) => ` ${c}${rest.slice(0, 10)}${rest[10] === "A" ? "B" : "A"}${rest.slice(11)}\n`,
    );
    expect((await post(formatAddCheckpoint({ oldSize: 8, proof: [], checkpoint: broken }))).status).toBe(403);
  });

  it("refuses a history rewritten after the cosigned size (422) and keeps both checkpoints and the proof as evidence", async () => {
    const rewritten = new TestLog(log.origin, log.key);
    rewritten.leaves = log.leaves.slice(0, 6);
    rewritten.grow(6, "rewritten"); // entries 6… replaced, and more added: a new tree of size 12, properly signed
    const res = await post(rewritten.request(8));
    expect(res.status).toBe(422);
    // The same size with another root is refused too.
    const sameSize = new TestLog(log.origin, log.key);
    sameSize.leaves = [...log.leaves.slice(0, 7), createHash("sha256").update("x").digest()];
    expect((await post(sameSize.request(8))).status).toBe(422);
    const evidence = await fetch(`${base}/refusals?origin=${encodeURIComponent(log.origin)}`).then(
      (r) => r.json() as Promise<{ refusals: { status: number; submitted: string; known: string; proof: string[]; reason: string }[] }>,
    );
    const rewrite = evidence.refusals.find((r) => r.submitted === rewritten.checkpoint());
    expect(rewrite).toBeDefined();
    expect(rewrite!.status).toBe(422);
    expect(rewrite!.reason).toMatch(/consistency proof from the cosigned size 8 to 12/);
    expect(rewrite!.known.startsWith(`${log.origin}\n8\n${log.root().toString("base64")}\n`)).toBe(true);
    expect(rewrite!.proof.length).toBeGreaterThan(0);
    // The honest log still continues.
    log.grow(1);
    expect((await post(log.request(8))).status).toBe(200);
  });

  it("answers 400 for an old size above the checkpoint size and for malformed bodies", async () => {
    const body = log.request(9).replace(/^old 9\n/, "old 10\n");
    expect((await post(body)).status).toBe(400);
    expect((await post("old nine\n\n")).status).toBe(400);
    expect((await post(`old 9\n\n${log.checkpoint()}`.replace("\n\n\u2014", "\u2014"))).status).toBe(400);
  });

  it("never cosigns two different trees of one size when they race", async () => {
    const a = log.fork().grow(4, "a");
    const b = log.fork().grow(4, "b");
    const results = await Promise.all([post(a.request(9)), post(b.request(9)), post(a.request(9)), post(b.request(9))]);
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    const state = await store.get(log.origin);
    expect(state!.size).toBe(13);
  });
});

describe("witness mounted in another deployment's server", () => {
  it("answers under its prefix and leaves other paths to the host", async () => {
    const mounted = new TestLog("yishi.test/org/mounted").grow(3);
    const logs = new Map([[mounted.origin, [parseVkey(mounted.vkey)]]]);
    const own = await openWitnessStore({ dataDir: null });
    const handle = witnessHandler(new Witness(cosigner, logs, own), own, logs, "/witness");
    const host = http.createServer((req, res) => {
      if (!handle(req, res)) res.writeHead(200).end("host page");
    });
    const url = `http://127.0.0.1:${await listen(host, 0, "127.0.0.1")}`;
    try {
      const res = await fetch(`${url}/witness/add-checkpoint`, { method: "POST", body: mounted.request(0) });
      expect(res.status).toBe(200);
      expect(verifyCosignatures(`${mounted.checkpoint()}${await res.text()}`, [witnessKey])).toHaveLength(1);
      expect(await fetch(`${url}/add-checkpoint`, { method: "POST", body: "" }).then((r) => r.text())).toBe("host page");
    } finally {
      host.close();
      await own.close();
    }
  });
});
