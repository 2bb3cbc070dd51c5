/**
 * kill -9 in the middle of a burst of 500 votes (on PGlite, or PostgreSQL when DATABASE_URL is set). Phones resend
 * with the same client id after the node comes back on the same address and data; some give up while it is down.
 * Afterwards: every acknowledged vote is recorded exactly once, a vote that was given up is recorded once or not at
 * all, the tally equals the vote rows, and the exported audit log verifies with one entry per vote.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { freePort } from "../testing/cluster";
import { startServer, type TestServer } from "../testing/server";
import { type Assembly, createAssembly, withDatabase } from "./assembly";
import { castWithRetries, type Phone, phone, phones, redeem, redeemAll, type VoteAttempt } from "./clients";
import { readLedger } from "./ledger";

const VOTERS = 500;
/** Every tenth phone gives up if its vote is not acknowledged before the node dies (someone who walks away). */
const quits = (i: number) => i % 10 === 9;
const CHOICES = ["yes", "no", "abstain"] as const;

let dataDir: string;
let database: { url: string; drop(): Promise<void> } | undefined;
let assembly: Assembly;
let port: number;
let server: TestServer | undefined;
let chair: Phone;
let voters: Phone[] = [];

const start = () => startServer({ dataDir, databaseUrl: database?.url ?? null, reuseDatabase: true, env: { YISHI_DEMO: "0", PORT: String(port) } });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "yishi-kill-"));
  database = process.env.DATABASE_URL ? await createFreshDatabase(process.env.DATABASE_URL, "yishi_kill") : undefined;
  assembly = await withDatabase({ dataDir, databaseUrl: database?.url }, () => createAssembly({ voters: VOTERS }));
  port = await freePort();
  server = await start();
  chair = await phone(server.url, await redeem(server.url, assembly.chair.token));
  voters = await phones(
    server.url,
    await redeemAll(
      server.url,
      assembly.voters.map((v) => v.token),
    ),
  );
}, 180_000);

afterAll(async () => {
  for (const client of [chair, ...voters]) client?.close();
  await server?.cleanup();
  await database?.drop().catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe(`kill -9 mid-burst (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it(`loses no acknowledged vote of ${VOTERS} and records none twice`, async () => {
    const meetingId = assembly.meetingId;
    const opened = await chair.call<{ result: { motionId: string } }>("vote:open", {
      meetingId,
      text: "集体资产发包方案",
      method: "named",
      matterKind: "general",
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const motionId = opened.data.result.motionId;

    let killed = false;
    let acked = 0;
    const deadline = Date.now() + 55_000;
    // The burst arrives over about two seconds, as a hall full of phones does, so that the kill lands inside it.
    const attempts = voters.map(async (voter, i) => {
      await new Promise((resolve) => setTimeout(resolve, Math.floor((i * 2_000) / VOTERS)));
      const attempt = await castWithRetries(
        voter,
        { meetingId, motionId, choice: CHOICES[i % 3] as VoteAttempt["choice"] },
        {
          deadline,
          attemptMs: 4_000,
          stop: quits(i) ? () => killed : undefined,
        },
      );
      if (attempt.outcome === "acked") acked += 1;
      return attempt;
    });

    const waitStart = Date.now();
    while (acked < VOTERS / 5 && Date.now() - waitStart < 30_000) await new Promise((resolve) => setTimeout(resolve, 5));
    const ackedBeforeKill = acked;
    killed = true;
    await server?.kill();
    expect(ackedBeforeKill).toBeLessThan(VOTERS);
    server = await start();

    const results = await Promise.all(attempts);
    const given = results.filter((r) => r.outcome === "gaveUp");
    expect(results.filter((r) => r.outcome === "refused")).toEqual([]);
    // Only the quitters may have given up; everyone else got an acknowledgement after the restart at the latest.
    expect(results.filter((r, i) => !quits(i) && r.outcome !== "acked")).toEqual([]);

    const closed = await chair.call<{ result: { result: { tally: { yes: number; no: number; abstain: number; cast: number } } } }>("vote:close", {
      meetingId,
      motionId,
    });
    if (!closed.ok) throw new Error(closed.error.message);
    const tally = closed.data.result.result.tally;
    await server?.stop();

    const ledger = await readLedger({ dataDir, databaseUrl: database?.url }, assembly.orgId, motionId);
    expect(ledger.problem).toBeNull();
    results.forEach((result, i) => {
      const voter = assembly.voters[i]?.personId ?? "";
      if (result.outcome === "acked") {
        expect(ledger.votes.get(voter)).toBe(result.choice);
        expect(ledger.castEntries.get(voter)).toBe(1);
      } else {
        // Timed out: recorded once (it committed before the kill, unacknowledged) or not at all.
        expect(ledger.castEntries.get(voter) ?? 0).toBe(ledger.votes.has(voter) ? 1 : 0);
      }
    });
    expect([...ledger.castEntries.values()].every((n) => n === 1)).toBe(true);
    expect(ledger.castEntries.size).toBe(ledger.votes.size);
    const rows = [...ledger.votes.values()];
    const fromRows = {
      yes: rows.filter((c) => c === "yes").length,
      no: rows.filter((c) => c === "no").length,
      abstain: rows.filter((c) => c === "abstain").length,
      cast: rows.length,
    };
    expect(tally).toEqual(fromRows);
    expect(ledger.closedTally).toEqual(fromRows);
    console.log(
      `kill -9: ${ackedBeforeKill} acknowledged before the kill, ${results.length - given.length} in the end, ${given.length} given up (${given.filter((g) => ledger.votes.has(assembly.voters[results.indexOf(g)]?.personId ?? "")).length} of them recorded)`,
    );
  }, 120_000);
});
