/**
 * Secret ballots cannot be traced to their voters (issue #9, DESIGN.md §5): after a secret vote on a real server,
 * nothing stored — no table, no column, no row order, no transaction id — links a voter to a choice or to the
 * tracker only that voter was shown. Who took part is recorded (BallotParticipation, the audit log); what they chose
 * is recorded (Ballot); never the two together.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { type Database, openDatabase } from "../db/client";
import { demoPhone, demoPhones } from "../testing/builders";
import { login } from "../testing/http";
import { clientId, type LiveClient, liveClient } from "../testing/liveClient";
import { occurrences, type RawRelation, readRawPages } from "../testing/rawPages";
import { startServer, type TestServer } from "../testing/server";

type Cast = { personId: string; choice: string; tracker: string };

let server: TestServer;
let db: Database;
let motionId = "";
const casts: Cast[] = [];
let pages = new Map<string, RawRelation>();

beforeAll(async () => {
  // On PostgreSQL as an ordinary role, as in production: the close must work with the grants that role has.
  server = await startServer({ appRole: true });
  const chairCookie = (await login(server.url, demoPhone("chair"), DEMO_PASSWORD)) ?? "";
  const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie: chairCookie } })).json()) as { data: { id: string }[] };
  const meetingId = meetings.data[0]?.id as string;
  const chair = await liveClient(server.url, chairCookie);
  const members: LiveClient[] = [];
  try {
    const must = async (client: LiveClient, event: string, payload: unknown) => {
      const reply = await client.call<Record<string, unknown>>(event, payload);
      if (!reply.ok) throw new Error(`${event}: ${reply.error.code}`);
      return reply.data;
    };
    await must(chair, "meeting:open", { meetingId });
    for (const phone of demoPhones("member")) {
      const member = await liveClient(server.url, (await login(server.url, phone, DEMO_PASSWORD)) ?? "");
      members.push(member);
      await must(member, "meeting:checkIn", { meetingId });
    }
    const joined = (await must(chair, "meeting:join", { meetingId })) as { view: { roster: { personId: string; status: string }[] } };
    for (const absent of joined.view.roster.filter((m) => m.status === "absent").slice(0, 7)) {
      await must(chair, "meeting:attendance", { meetingId, personId: absent.personId, status: "present_in_person" });
    }
    await must(chair, "meeting:startItem", { meetingId });
    motionId = (
      (await must(chair, "vote:open", { meetingId, text: "选举村务监督委员会成员", method: "secret", matterKind: "general" })) as {
        result: { motionId: string };
      }
    ).result.motionId;
    // One at a time, each in its own transaction: the worst case for linking by order or by transaction.
    for (const [index, member] of members.entries()) {
      const choice = ["yes", "no", "yes"][index] as string;
      const cast = (await must(member, "vote:cast", { meetingId, motionId, choice, clientId: clientId() })) as {
        result: { voterPersonId: string; tracker: string };
      };
      casts.push({ personId: cast.result.voterPersonId, choice, tracker: cast.result.tracker });
    }
    await must(chair, "vote:close", { meetingId, motionId });
  } finally {
    for (const client of [chair, ...members]) client.close();
  }
  // Read the database as someone with full access would, once the server is gone (PGlite allows one process).
  await server.stop();
  pages = await readRawPages({ dataDir: server.dataDir, databaseUrl: server.databaseUrl }, ["Ballot", "OpenBallot", "BallotParticipation"]);
  db = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
}, 180_000);

afterAll(async () => {
  await db?.close();
  await server?.cleanup();
});

describe("a secret ballot", () => {
  it("gave each voter a tracker, and counted every ballot", async () => {
    expect(casts).toHaveLength(3);
    for (const cast of casts) expect(cast.tracker).toMatch(/\S{6,}/);
    const ballots = await db.sql.query<{ choice: string }>(`SELECT choice FROM "Ballot" WHERE "motionId" = $1`, [motionId]);
    expect(ballots.map((b) => b.choice).sort()).toEqual(["no", "yes", "yes"]);
  });

  it("keeps who took part and what was chosen in tables with no column in common but the motion", async () => {
    const columns = async (table: string) =>
      (
        await db.sql.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY 1`,
          [table],
        )
      ).map((c) => c.column_name);
    expect(await columns("Ballot")).toEqual(["choice", "id", "motionId", "tracker"]);
    expect(await columns("BallotParticipation")).toEqual(["castByPersonId", "motionId", "voterPersonId"]);
    // Random (version 4) ids: no time inside, unlike time-ordered ids.
    const ids = await db.sql.query<{ id: string }>(`SELECT id FROM "Ballot" WHERE "motionId" = $1`, [motionId]);
    for (const { id } of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("leaves no transaction id or row order to match ballots with participations: all were rewritten at the close", async () => {
    const ballotTx = await db.sql.query<{ xmin: string }>(`SELECT DISTINCT xmin::text AS xmin FROM "Ballot" WHERE "motionId" = $1`, [motionId]);
    const participationTx = await db.sql.query<{ xmin: string }>(`SELECT DISTINCT xmin::text AS xmin FROM "BallotParticipation" WHERE "motionId" = $1`, [
      motionId,
    ]);
    expect(ballotTx, "every ballot row written by the one closing transaction").toHaveLength(1);
    expect(participationTx, "the voters took part one transaction each").toHaveLength(3);
    expect(participationTx.map((p) => p.xmin)).not.toContain(ballotTx[0]?.xmin);
  });

  it("stores each voter's tracker nowhere beside a voter: not in the audit log, not in the resend record", async () => {
    const tables = (await db.sql.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((t) => t.tablename);
    const voters = casts.map((c) => c.personId);
    for (const cast of casts) {
      const holders: { table: string; row: string }[] = [];
      for (const table of tables) {
        const rows = await db.sql.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
        for (const { row } of rows) if (row.includes(cast.tracker)) holders.push({ table, row });
      }
      // The ballot itself, and the list of trackers published when the vote closed — in the motion's result and in
      // its audit entry — sorted, so that its order says nothing.
      expect(holders.map((h) => h.table).sort()).toEqual(["AuditEntry", "Ballot", "Motion"]);
      const ballot = holders.find((h) => h.table === "Ballot")?.row ?? "";
      for (const voter of voters) expect(ballot, "the ballot row names a voter").not.toContain(voter);
      const closed = holders.find((h) => h.table === "AuditEntry")?.row ?? "";
      expect(closed).toContain("vote.closed");
      for (const voter of voters) expect(closed, "the close entry names a voter").not.toContain(voter);
      const sorted = [...casts.map((c) => c.tracker)].sort();
      for (const holder of holders.filter((h) => h.table !== "Ballot")) {
        const positions = sorted.map((t) => holder.row.indexOf(t));
        expect(positions, `${holder.table}: trackers in sorted order`).toEqual([...positions].sort((a, b) => a - b));
      }
    }
  });

  it("logs who took part without their choice, and remembers resends without choice or tracker", async () => {
    const entries = await db.sql.query<{ bytes: string }>(`SELECT bytes FROM "AuditEntry" WHERE action = 'ballot.cast' AND bytes LIKE $1`, [`%${motionId}%`]);
    expect(entries).toHaveLength(3);
    for (const { bytes } of entries) {
      const data = (JSON.parse(bytes) as { data: Record<string, unknown> }).data;
      expect(Object.keys(data).sort()).toEqual(["castByPersonId", "voterPersonId"]);
    }
    const resends = await db.sql.query<{ result: unknown }>(`SELECT result FROM "ProcessedCommand" WHERE command = 'vote' AND result::text LIKE $1`, [
      `%${motionId}%`,
    ]);
    expect(resends).toHaveLength(3);
    for (const { result } of resends) {
      const text = typeof result === "string" ? result : JSON.stringify(result);
      expect(text).not.toContain('"choice"');
      expect(text).not.toContain('"tracker"');
      for (const cast of casts) expect(text).not.toContain(cast.tracker);
    }
  });

  it("leaves nothing in the ballot table's pages that matches a participation: no old row, no shared transaction id", async () => {
    const ballots = pages.get("Ballot");
    const participations = pages.get("BallotParticipation");
    if (!ballots || !participations) throw new Error("pages not read");
    // Read from the files as an operator would (pageinspect), dead rows included: the three voters took part in three
    // transactions, and no ballot tuple on disk — live or deleted — carries any of their transaction ids.
    const voted = new Set(participations.tuples.map((t) => t.xmin));
    expect(voted.size).toBeGreaterThanOrEqual(3);
    const linked = ballots.tuples.filter((t) => voted.has(t.xmin) || voted.has(t.xmax));
    expect(linked, "ballot tuples written by a voter's transaction").toEqual([]);
    expect(new Set(ballots.tuples.map((t) => t.xmin)).size, "every ballot tuple on disk is the close's").toBe(1);
    expect(
      ballots.tuples.filter((t) => t.xmax !== "0"),
      "deleted ballot tuples left in the pages",
    ).toEqual([]);
    // Each tracker is on disk once — in its live row and one index entry — not also in a row or entry of the batch
    // that first stored it, whose place in the file would say when it was cast.
    for (const cast of casts) expect(occurrences(ballots, cast.tracker), `tracker ${cast.tracker} in the table and its indexes`).toBe(2);
    // Where the ballots waited while the vote was open: nothing left of them, live or dead, in its files.
    const open = pages.get("OpenBallot");
    if (!open) throw new Error("pages not read");
    expect(open.tuples, "tuples left in the open ballots' table").toEqual([]);
    for (const cast of casts) expect(occurrences(open, cast.tracker), `tracker ${cast.tracker} in the open ballots' files`).toBe(0);
  });
});
