/**
 * Yishi asking a witness to cosign (issue #21), against a real witness (server/witness) over HTTP: cosignatures are
 * stored with the checkpoint; a witness that lost track (409) is answered from its size; the hall laptop that was
 * offline catches up with one consistency proof and the offline period is kept; and a history rewritten on the
 * village server — entries replaced, a new tree signed with the server's own key — is refused by the witness, which
 * keeps the evidence, and shown red in the supervisor console's data.
 */
import { generateKeyPairSync } from "node:crypto";
import { rmSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ed25519Cosigner } from "../witness/cosigner";
import { createWitnessServer, listen } from "../witness/server";
import { openWitnessStore, type WitnessStore } from "../witness/store";
import { Witness } from "../witness/witness";
import { witnessView } from "../queries/witnessView";
import { appendAuditMany, type AppendInput } from "./append";
import { auditSigner } from "./auditSigner";
import { checkpointNow } from "./checkpointNow";
import { SIGNED_HEADS_FILE } from "./signedHeads";
import { logOrigin } from "./store";
import { appendTestEntries, openTestDb, type TestDb } from "./testDb";
import { entryFields } from "./testLog";
import { parseWitnessList, witnessOrg, withCosignatures, type WitnessTarget } from "./witnessing";
import { parseWitnessVkey, verifyCosignatures } from "./verify.mjs";

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
    expect(view.checkpoints.map((c) => [c.size, c.witnessedBy.map((w) => w.name)])).toEqual([[19, ["township.test/witness"]], [12, ["township.test/witness"]]]);
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
    expect(after.checkpoints.map((c) => [c.size, c.witnessedBy.length])).toEqual([[24, 1], [20, 0], [16, 0], [12, 1]]);
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
    expect(view.witnesses[0]).toMatchObject({ status: "refused", refusedSize: 14 });
    expect(view.checkpoints[0]!.witnessedBy).toEqual([]);
    const [evidence] = await store.refusals();
    expect(evidence!.submitted.split("\n")[1]).toBe("14");
    expect(evidence!.known!.split("\n")[1]).toBe("12");
    expect(evidence!.proof.length).toBeGreaterThan(0);
    // Not asked again about the same refused checkpoint.
    expect((await witnessOrg(ORG, [target]))[0]!.status).toBe("skipped");
  });
});
