/**
 * Votes under load, on whichever database this run uses (PGlite, or PostgreSQL with DATABASE_URL):
 * - a burst of 300 members voting at once is committed in a few shared transactions (group commit), each vote still
 *   acknowledged on its own and counted once;
 * - 50 closes race 100 votes: every vote is counted or refused as closed, and every close returns the same tally.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import type { Reply } from "../testing/liveClient";
import { startServer, type TestServer } from "../testing/server";
import { type Assembly, createAssembly, withDatabase } from "./assembly";
import { castWithRetries, type Phone, phone, phones, redeem, redeemAll, type VoteAttempt } from "./clients";

const VOTERS = 300;
const CHOICES = ["yes", "no", "abstain"] as const;

type Tally = { yes: number; no: number; abstain: number; cast: number };
type CloseReply = Reply<{ result: { result: { tally: Tally; entitledCount: number } } }>;
type ChairView = { version: number; motion: { id: string; state: string; castCount: number; namedVotes?: { name: string; choice: string }[] } | null };

let server: TestServer;
let dataDir: string;
let database: { url: string; drop(): Promise<void> } | undefined;
let assembly: Assembly;
let chair: Phone;
let voters: Phone[];

async function chairView(): Promise<ChairView> {
  const joined = await chair.call<{ view: ChairView }>("meeting:join", { meetingId: assembly.meetingId });
  if (!joined.ok) throw new Error(joined.error.message);
  return joined.data.view;
}

/** Opens a named vote on the current item, first closing and announcing one left open by an earlier test. */
async function openVote(text: string): Promise<{ motionId: string; version: number }> {
  const left = (await chairView()).motion;
  if (left && (left.state === "open" || left.state === "closed")) {
    await chair.call("vote:close", { meetingId: assembly.meetingId, motionId: left.id });
    await chair.call("vote:announce", { meetingId: assembly.meetingId, motionId: left.id });
  }
  const opened = await chair.call<{ result: { motionId: string; version: number } }>("vote:open", {
    meetingId: assembly.meetingId,
    text,
    method: "named",
    matterKind: "general",
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.data.result;
}

function expectedTally(attempts: VoteAttempt[]): Omit<Tally, "cast"> {
  const acked = attempts.filter((a) => a.outcome === "acked");
  return {
    yes: acked.filter((a) => a.choice === "yes").length,
    no: acked.filter((a) => a.choice === "no").length,
    abstain: acked.filter((a) => a.choice === "abstain").length,
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "yishi-votes-"));
  database = process.env.DATABASE_URL ? await createFreshDatabase(process.env.DATABASE_URL, "yishi_votes") : undefined;
  assembly = await withDatabase({ dataDir, databaseUrl: database?.url }, () => createAssembly({ voters: VOTERS }));
  server = await startServer({ dataDir, databaseUrl: database?.url ?? null, reuseDatabase: true, env: { YISHI_DEMO: "0" } });
  chair = await phone(server.url, await redeem(server.url, assembly.chair.token));
  // Phones logged in and connected; casting a vote needs no join (the live page joins for the view).
  voters = await phones(
    server.url,
    await redeemAll(
      server.url,
      assembly.voters.map((v) => v.token),
    ),
  );
}, 180_000);

afterAll(async () => {
  for (const client of [chair, ...(voters ?? [])]) client?.close();
  await server?.cleanup();
  await database?.drop().catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe(`votes under load (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it(`commits a burst of ${VOTERS} votes in shared transactions, each acknowledged and counted once`, async () => {
    const { motionId, version } = await openVote("集体资产发包方案");
    const started = Date.now();
    const attempts = await Promise.all(
      voters.map((voter, i) =>
        castWithRetries(voter, { meetingId: assembly.meetingId, motionId, choice: CHOICES[i % 3] as VoteAttempt["choice"] }, { deadline: Date.now() + 45_000 }),
      ),
    );
    const elapsed = Date.now() - started;
    expect(attempts.filter((a) => a.outcome !== "acked")).toEqual([]);
    // Every vote bumps the meeting's version in the transaction that records it: one bump per shared transaction.
    const view = await chairView();
    const transactions = view.version - version;
    expect(transactions).toBeGreaterThanOrEqual(1);
    expect(transactions).toBeLessThanOrEqual(VOTERS / 10);
    expect(view.motion).toMatchObject({ id: motionId, castCount: VOTERS });
    const closed = (await chair.call("vote:close", { meetingId: assembly.meetingId, motionId })) as CloseReply;
    expect(closed.ok && closed.data.result.result.tally).toEqual({ ...expectedTally(attempts), cast: VOTERS });
    expect(await chair.call("vote:announce", { meetingId: assembly.meetingId, motionId })).toMatchObject({ ok: true });
    console.log(`burst: ${VOTERS} votes acknowledged in ${elapsed} ms, ${transactions} transactions`);
  });

  it("races 50 closes against 100 votes: each vote counted or refused as closed, every close the same tally", async () => {
    const { motionId } = await openVote("年度收益分配方案");
    const cast = (voter: Phone, i: number) =>
      castWithRetries(voter, { meetingId: assembly.meetingId, motionId, choice: CHOICES[i % 3] as VoteAttempt["choice"] }, { deadline: Date.now() + 30_000 });
    const close = () => chair.call("vote:close", { meetingId: assembly.meetingId, motionId }) as Promise<CloseReply>;
    // Before: 50 votes, of which at least the first is in. During: 50 closes interleaved with 40 votes. After the
    // first close has answered: 10 more votes, which must be refused.
    const early = voters.slice(0, 50).map(cast);
    await Promise.race(early);
    const racing: Promise<VoteAttempt>[] = [];
    const closes: Promise<CloseReply>[] = [];
    for (let i = 0; i < 50; i += 1) {
      closes.push(close());
      if (i < 40) racing.push(cast(voters[50 + i] as Phone, 50 + i));
    }
    await Promise.race(closes);
    const late = voters.slice(90, 100).map((voter, i) => cast(voter, 90 + i));
    const attempts = await Promise.all([...early, ...racing, ...late]);
    const replies = await Promise.all(closes);

    for (const attempt of attempts) expect(attempt.outcome === "acked" || (attempt.outcome === "refused" && attempt.code === "vote_closed")).toBe(true);
    expect(attempts.slice(90).every((a) => a.code === "vote_closed")).toBe(true);
    const counted = attempts.filter((a) => a.outcome === "acked").length;
    expect(counted).toBeGreaterThanOrEqual(1);
    expect(replies.every((r) => r.ok)).toBe(true);
    const tallies = replies.map((r) => (r.ok ? r.data.result.result.tally : null));
    for (const tally of tallies) expect(tally).toEqual(tallies[0]);
    expect(tallies[0]).toEqual({ ...expectedTally(attempts), cast: counted });
    // The named record the chair sees after the close lists exactly the members whose vote was acknowledged.
    const view = await chairView();
    const ackedNames = attempts
      .map((a, i) => (a.outcome === "acked" ? assembly.voters[i]?.name : null))
      .filter(Boolean)
      .sort();
    expect(view.motion?.namedVotes?.map((v) => v.name).sort()).toEqual(ackedNames);
    console.log(`close race: ${counted} counted, ${attempts.length - counted} refused as closed`);
  });
});
