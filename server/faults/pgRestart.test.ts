/**
 * PostgreSQL restarted under a node at work (in both CI runs: a private PostgreSQL 15 cluster on its own port, so
 * the shared one is not disturbed). Commands in flight when it goes down fail with the retryable `unavailable`, none
 * is half-applied (a vote row exists exactly when its audit entry does, and the log verifies), and once PostgreSQL is
 * back the same node process serves commands again — no restart — and the retried votes are recorded once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { startNode } from "../testing/cluster";
import type { Reply } from "../testing/liveClient";
import type { TestServer } from "../testing/server";
import { type Assembly, createAssembly, withDatabase } from "./assembly";
import { castWithRetries, type Phone, phone, phones, redeem, redeemAll } from "./clients";
import { readLedger } from "./ledger";
import { privatePostgres, type Service } from "./services";

const VOTERS = 60;
const cleanups: (() => unknown)[] = [];
let postgres: Service;
let databaseUrl: string;
let dataDir: string;
let assembly: Assembly;
let node: TestServer;
let chair: Phone;
let voters: Phone[];

beforeAll(async () => {
  postgres = await privatePostgres();
  cleanups.push(() => postgres.cleanup());
  const database = await createFreshDatabase(postgres.url, "yishi_pgrestart");
  databaseUrl = database.url;
  dataDir = mkdtempSync(path.join(tmpdir(), "yishi-pgrestart-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  assembly = await withDatabase({ dataDir, databaseUrl }, () => createAssembly({ voters: VOTERS }));
  // One node: its session secret and audit key stay in its data directory, where the ledger check reads the key.
  node = await startNode({ databaseUrl, dataDir });
  cleanups.push(() => node.cleanup());
  chair = await phone(node.url, await redeem(node.url, assembly.chair.token));
  voters = await phones(
    node.url,
    await redeemAll(
      node.url,
      assembly.voters.map((v) => v.token),
    ),
  );
  cleanups.push(() => [chair, ...voters].forEach((p) => p.close()));
}, 180_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
});

describe("PostgreSQL restarted", () => {
  it("fails commands in flight as retryable, applies none by half, and serves again without a restart", async () => {
    const meetingId = assembly.meetingId;
    const opened = await chair.call<{ result: { motionId: string } }>("vote:open", {
      meetingId,
      text: "集体资产发包方案",
      method: "named",
      matterKind: "general",
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const motionId = opened.data.result.motionId;
    const pid = node.process.pid;

    // A steady stream of single attempts, votes and the chair's attendance changes, across the restart.
    const votes: Promise<Reply>[] = [];
    const chairs: Promise<Reply>[] = [];
    const clientIds = voters.map(() => crypto.randomUUID());
    const stream = (async () => {
      for (let i = 0; i < VOTERS; i += 1) {
        votes.push(
          (voters[i] as Phone)
            .call("vote:cast", { meetingId, motionId, choice: "yes", clientId: clientIds[i] }, 30_000)
            .catch(() => ({ ok: false, error: { code: "timeout", message: "" } }) as Reply),
        );
        if (i % 3 === 0) {
          const status = i % 2 ? "present_in_person" : "present_online";
          const personId = assembly.voters[0]?.personId;
          chairs.push(
            chair
              .call("meeting:attendance", { meetingId, personId, status }, 30_000)
              .catch(() => ({ ok: false, error: { code: "timeout", message: "" } }) as Reply),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await postgres.stop("SIGINT");
    const outageStarted = Date.now();
    // A read during the outage (the chair's screen asking for a snapshot) is told to retry, like a command.
    const readDuringOutage = await chair
      .call("meeting:join", { meetingId }, 10_000)
      .catch(() => ({ ok: false, error: { code: "timeout", message: "" } }) as Reply);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_500 - (Date.now() - outageStarted))));
    await postgres.start();
    await stream;
    const replies = await Promise.all(votes);
    const chairReplies = await Promise.all(chairs);

    const failures = [...replies, ...chairReplies].filter((r) => !r.ok).map((r) => (r.ok ? "" : r.error.code));
    // Some commands met the outage, and every one of them said so with the retryable code.
    if (new Set(failures).size > 1)
      console.log(
        failures.join(" "),
        node
          .output()
          .split("\n")
          .filter((l) => /rror/.test(l))
          .slice(0, 12)
          .join("\n"),
      );
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures)).toEqual(new Set(["unavailable"]));
    expect(readDuringOutage).toMatchObject({ ok: false, error: { code: "unavailable" } });
    // The same process serves again, and a retry with the same client id records each vote exactly once.
    expect(node.process.pid).toBe(pid);
    expect(node.process.exitCode).toBeNull();
    const retried = await Promise.all(
      voters.map((voter, i) => castWithRetries(voter, { meetingId, motionId, choice: "yes" }, { deadline: Date.now() + 30_000, clientId: clientIds[i] })),
    );
    expect(retried.every((r) => r.outcome === "acked")).toBe(true);
    const closed = await chair.call<{ result: { result: { tally: { yes: number; cast: number } } } }>("vote:close", { meetingId, motionId });
    expect(closed.ok && closed.data.result.result.tally).toMatchObject({ yes: VOTERS, cast: VOTERS });

    const ledger = await readLedger({ dataDir, databaseUrl }, assembly.orgId, motionId);
    expect(ledger.problem).toBeNull();
    expect(ledger.votes.size).toBe(VOTERS);
    for (const voter of assembly.voters) expect(ledger.castEntries.get(voter.personId)).toBe(1);
    console.log(`PostgreSQL restart: ${failures.length} commands refused as unavailable during the outage, all votes recorded once afterwards`);
  }, 90_000);
});
