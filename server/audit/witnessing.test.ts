/**
 * Yishi asking a witness to cosign (issue #21), against a real witness (server/witness) over HTTP: cosignatures are
 * stored with the checkpoint; a witness that lost track (409) is answered from its size; the hall laptop that was
 * offline catches up with one consistency proof and the offline period is kept; and a history rewritten on the
 * village server — entries replaced, a new tree signed with the server's own key — is refused by the witness, which
 * keeps the evidence, and shown red in the supervisor console's data.
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { witnessView } from "../queries/witnessView";
import { ed25519Cosigner } from "../witness/cosigner";
import { createWitnessServer, listen } from "../witness/server";
import { openWitnessStore, type WitnessStore } from "../witness/store";
import { Witness } from "../witness/witness";
import { type AppendInput, appendAuditMany } from "./append";
import { auditSigner } from "./auditSigner";
import { checkpointNow } from "./checkpointNow";
import { exportOrgBundle } from "./exportFromDb";
import { proofForEntry } from "./proofs";
import { SIGNED_HEADS_FILE } from "./signedHeads";
import { logOrigin } from "./store";
import { appendTestEntries, openTestDb, type TestDb } from "./testDb";
import { entryFields } from "./testLog";
import { parseWitnessVkey, verifyCosignatures } from "./verify.mjs";
import { parseWitnessList, stopWitnessing, WITNESSES_ENV, type WitnessTarget, withCosignatures, witnessOrg } from "./witnessing";

const ORG = "org_village1";
const cosigner = ed25519Cosigner("township.test/witness", generateKeyPairSync("ed25519").privateKey);
let t: TestDb;
let store: WitnessStore;
let server: http.Server;
let target: WitnessTarget;

beforeEach(async () => {
  t = await openTestDb();
  await appendTestEntries(t.db, ORG, 12);
  await checkpointNow(ORG);
  const origin = await logOrigin(ORG);
  store = await openWitnessStore({ dataDir: null });
  const logs = new Map([[origin, auditSigner().verifiers(origin)]]);
  server = createWitnessServer(new Witness(cosigner, logs, store), store, logs);
  const port = await listen(server, 0, "127.0.0.1");
  [target] = parseWitnessList(`http://127.0.0.1:${port} ${cosigner.vkey}`) as [WitnessTarget];
});

afterEach(async () => {
  server.close();
  await store.close();
  await t.close();
});

const latestNote = async () => (await checkpointNow(ORG))!.note;

describe("witnessing the village's checkpoints", () => {
  it("stores the witness's cosignature with the checkpoint and moves on with consistency proofs", async () => {
    expect(await witnessOrg(ORG, [target])).toEqual([{ witness: expect.stringContaining("township.test/witness+"), status: "ok", size: 12 }]);
    await appendTestEntries(t.db, ORG, 7);
    const note = await latestNote();
    expect((await witnessOrg(ORG, [target]))[0]!.status).toBe("ok");
    const cosigned = await withCosignatures(ORG, 19, note);
    expect(verifyCosignatures(cosigned, [parseWitnessVkey(cosigner.vkey)])).toHaveLength(1);
    const view = await witnessView(ORG);
    expect(view.checkpoints.map((c) => [c.size, c.witnessedBy.map((w) => w.name)])).toEqual([
      [19, ["township.test/witness"]],
      [12, ["township.test/witness"]],
    ]);
    expect(view.witnesses[0]).toMatchObject({ status: "ok", knownSize: 19, gaps: [] });
  });

  it("answers a 409 by resubmitting from the size the witness names", async () => {
    await witnessOrg(ORG, [target]);
    await t.db.prisma.auditWitnessState.updateMany({ where: { orgId: ORG }, data: { knownSize: 0 } }); // our record lost
    await appendTestEntries(t.db, ORG, 3);
    await latestNote();
    expect((await witnessOrg(ORG, [target]))[0]).toMatchObject({ status: "ok", size: 15 });
    expect((await t.db.prisma.auditWitnessState.findFirst({ where: { orgId: ORG } }))?.knownSize).toBe(15);
  });

  it("hall laptop: keeps signing while offline, then catches up from the last cosigned size and shows the gap", async () => {
    await witnessOrg(ORG, [target]);
    const offline: WitnessTarget = { ...target, url: "http://127.0.0.1:9" };
    for (let i = 0; i < 3; i += 1) {
      await appendTestEntries(t.db, ORG, 4);
      await latestNote();
      expect((await witnessOrg(ORG, [offline]))[0]!.status).toBe("unreachable");
    }
    const during = await witnessView(ORG);
    expect(during.witnesses[0]!.status).toBe("unreachable");
    expect(during.witnesses[0]!.failingSince).toBeInstanceOf(Date);
    expect(during.checkpoints[0]!.witnessedBy).toEqual([]);
    // Back online: the newest checkpoint (24) goes with one proof from 12, which the witness verifies.
    expect((await witnessOrg(ORG, [target]))[0]).toMatchObject({ status: "ok", size: 24 });
    const after = await witnessView(ORG);
    expect(after.witnesses[0]!.status).toBe("ok");
    expect(after.witnesses[0]!.gaps).toHaveLength(1);
    expect(after.witnesses[0]!.gaps[0]!.from.getTime()).toBeLessThanOrEqual(after.witnesses[0]!.gaps[0]!.to.getTime());
    expect(after.checkpoints.map((c) => [c.size, c.witnessedBy.length])).toEqual([
      [24, 1],
      [20, 0],
      [16, 0],
      [12, 1],
    ]);
  });

  it("a history rewritten on the village server (new tree, new signature) is refused, kept as evidence, and red", async () => {
    await witnessOrg(ORG, [target]);
    // The operator replaces the log: entries and checkpoints deleted behind the triggers' back, the signer's memory
    // of its last head removed, other entries written, and a fresh tree signed with the server's own key.
    await t.asSuperuserBypassingTriggers([`DELETE FROM "AuditEntry" WHERE "orgId" = '${ORG}'`, `DELETE FROM "AuditCheckpoint" WHERE "orgId" = '${ORG}'`]);
    rmSync(path.join(t.dataDir, SIGNED_HEADS_FILE), { force: true });
    const inputs: AppendInput[] = Array.from({ length: 14 }, (_, seq) => {
      const f = entryFields(seq, ORG);
      return { orgId: ORG, meetingId: f.meeting, actor: f.actor, action: f.action, object: f.object, data: { ...f.data, rewritten: seq }, now: new Date(f.ts) };
    });
    await t.db.prisma.$transaction((tx) => appendAuditMany(tx, inputs));
    expect((await checkpointNow(ORG))?.signed).toBe(true);
    const [outcome] = await witnessOrg(ORG, [target]);
    expect(outcome).toMatchObject({ status: "refused", size: 14 });
    expect(outcome!.message).toMatch(/^HTTP 422/);
    const view = await witnessView(ORG);
    expect(view.witnesses[0]).toMatchObject({ status: "refused", refusedSize: 14, inconsistent: true });
    expect(view.checkpoints[0]!.witnessedBy).toEqual([]);
    const [evidence] = await store.refusals();
    expect(evidence!.submitted.split("\n")[1]).toBe("14");
    expect(evidence!.known!.split("\n")[1]).toBe("12");
    expect(evidence!.proof.length).toBeGreaterThan(0);
    // Not asked again about the same refused checkpoint.
    expect((await witnessOrg(ORG, [target]))[0]!.status).toBe("skipped");
  });
});

describe("in the background, after each checkpoint (YISHI_WITNESSES)", () => {
  afterEach(async () => {
    delete process.env[WITNESSES_ENV];
    await stopWitnessing();
  });

  it("a witness that never answers does not hold up signing; an unreachable one is retried with backoff until it cosigns", { timeout: 120_000 }, async () => {
    const hanging = (await import("node:http")).createServer(() => undefined); // accepts, never answers
    const hangPort = await listen(hanging, 0, "127.0.0.1");
    process.env[WITNESSES_ENV] = `http://127.0.0.1:${hangPort} ${cosigner.vkey}`;
    await appendTestEntries(t.db, ORG, 2);
    const started = Date.now();
    expect((await checkpointNow(ORG))?.signed).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000); // the witness request times out only after 15 s
    hanging.closeAllConnections();
    hanging.close();
    await stopWitnessing();
    await t.db.prisma.auditWitnessState.deleteMany({ where: { orgId: ORG } });

    // Now a witness address where nothing listens yet: the first attempt fails, a retry follows 5 s later.
    const probe = (await import("node:http")).createServer();
    const port = await listen(probe, 0, "127.0.0.1");
    await new Promise((resolve) => probe.close(resolve));
    process.env[WITNESSES_ENV] = `http://127.0.0.1:${port} ${cosigner.vkey}`;
    await appendTestEntries(t.db, ORG, 2);
    await checkpointNow(ORG); // size 16
    const state = async () => t.db.prisma.auditWitnessState.findFirst({ where: { orgId: ORG } });
    for (let i = 0; i < 100 && (await state())?.status !== "unreachable"; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect((await state())?.status).toBe("unreachable");
    const logs = new Map([[await logOrigin(ORG), auditSigner().verifiers(await logOrigin(ORG))]]);
    const late = createWitnessServer(new Witness(cosigner, logs, store), store, logs);
    await listen(late, port, "127.0.0.1");
    try {
      for (let i = 0; i < 300 && (await t.db.prisma.auditCosignature.count({ where: { orgId: ORG, size: 16 } })) === 0; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await t.db.prisma.auditCosignature.count({ where: { orgId: ORG, size: 16 } })).toBe(1);
      expect((await state())?.status).toBe("ok");
    } finally {
      late.close();
    }
  });
});

describe("bundles and receipts carry the cosignatures; verify.mjs --witness / --min-witnesses", () => {
  const verify = (dir: string, args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(dir, "verify.mjs"), ...args, dir], { encoding: "utf8" });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const exportNow = async (name: string) => {
    const dir = path.join(t.dataDir, name);
    await exportOrgBundle(ORG, dir, { sign: false });
    return dir;
  };

  it("a witnessed bundle verifies with and without --min-witnesses, and the README's openssl steps check the cosignature", async () => {
    await witnessOrg(ORG, [target]);
    const dir = await exportNow("good");
    expect(readFileSync(path.join(dir, "checkpoints", "12.txt"), "utf8")).toContain("\u2014 township.test/witness ");
    expect(verify(dir, [])).toMatchObject({ code: 0 });
    const ok = verify(dir, ["--witness", cosigner.vkey, "--min-witnesses", "1"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/witnessed {4}checkpoints\/12\.txt by township\.test\/witness\+/);
    const two = verify(dir, ["--witness", cosigner.vkey, "--min-witnesses", "2"]);
    expect(two.code).toBe(1);
    expect(two.out).toMatch(/^FAIL: checkpoints\/12\.txt: only 1 cosignature/);
    expect(verify(dir, ["--min-witnesses", "1"]).code).toBe(2);

    // README.txt's hand check, as a supervisor would paste it (bash, openssl 3).
    const readme = readFileSync(path.join(dir, "README.txt"), "utf8");
    const english = readme.slice(readme.indexOf("4. Witness cosignatures"));
    const steps = english
      .split("\n")
      .filter((l) => /^ {6}\S/.test(l) && !l.includes("node verify.mjs"))
      .map((l) => l.trim());
    const script = steps.join("\n").replace("W='WITNESS_VKEY'", `W='${cosigner.vkey}'`);
    const run = spawnSync("bash", ["-e", "-c", script], { cwd: dir, encoding: "utf8" });
    expect(`${run.stdout}${run.stderr}`).toContain("Signature Verified Successfully");
  });

  it("fails naming the newest checkpoint when it is not witnessed, and a tampered cosignature", async () => {
    await witnessOrg(ORG, [target]);
    await appendTestEntries(t.db, ORG, 4);
    await latestNote(); // size 16, not submitted
    const dir = await exportNow("unwitnessed");
    const missing = verify(dir, ["--witness", cosigner.vkey]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/^FAIL: checkpoints\/16\.txt: no cosignature by the given witnesses/);
    expect(verify(dir, []).code).toBe(0);

    await witnessOrg(ORG, [target]);
    const good = await exportNow("tampered");
    const file = path.join(good, "checkpoints", "16.txt");
    // The cosignature moved onto another tree: its timestamp changed by one second.
    const note = readFileSync(file, "utf8").replace(/(\u2014 township\.test\/witness )(\S+)/, (_m, head: string, b64: string) => {
      const bytes = Buffer.from(b64, "base64");
      bytes.writeBigUInt64BE(bytes.readBigUInt64BE(4) + 1n, 4);
      return `${head}${bytes.toString("base64")}`;
    });
    writeFileSync(file, note);
    const bad = verify(good, ["--witness", cosigner.vkey]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^FAIL: checkpoints\/16\.txt: bad cosignature by witness township\.test\/witness\+/);
  });

  it("a vote receipt includes the witness cosignature, and verify.mjs checks it", async () => {
    await witnessOrg(ORG, [target]);
    const receipt = await proofForEntry(ORG, 3);
    expect(receipt.text).toContain("\u2014 township.test/witness ");
    const file = path.join(t.dataDir, receipt.fileName);
    writeFileSync(file, receipt.text);
    const vkey = path.join(t.dataDir, "vkey");
    writeFileSync(
      vkey,
      `${auditSigner()
        .vkeys(await logOrigin(ORG))
        .join("\n")}\n`,
    );
    const r = spawnSync(process.execPath, ["server/audit/verify.mjs", "--receipt", file, "--vkey", vkey, "--witness", cosigner.vkey], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/cosigned by township\.test\/witness\+/);
  });
});
