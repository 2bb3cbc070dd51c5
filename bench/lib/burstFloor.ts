/**
 * The vote burst's floor (issue #24 goal 3): the rows 2,000 acknowledged votes leave behind — a VoteRecord, a
 * ProcessedCommand and a `vote.cast` audit entry each, the entries hashed and chained as the real log chains them
 * (chainEntry, one advisory lock and one read of the head per batch) — written by a bare script, in batches of the
 * server's group-commit size (MAX_BATCH), one transaction per batch, one INSERT … unnest per table. Nothing else: no
 * rule checks, no views read, no sockets.
 *
 * It runs on a copy of the burst's own database taken after the burst (same tables, same indexes, same history), opened
 * the way the server opens it (server/db/client.ts: PGlite in this process, or PostgreSQL through @prisma/adapter-pg),
 * with the burst's rows of that motion removed first so that the same keys go in again. The copy is thrown away.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { chainEntry } from "../../server/audit/canonical";
import { MAX_BATCH } from "../../server/commands/live/castVote";
import { openDatabase } from "../../server/db/client";
import type { DbTarget } from "../../server/faults/assembly";
import type { BurstRun } from "./burst";
import { copyDatabase } from "./fixture";

export type BurstFloor = { floor_ms: number; batches: number; rows: number; lost: number; duplicated: number };

/** A throw-away copy of the bench database: PGlite's directory copied, or CREATE DATABASE … TEMPLATE. */
async function copyOf(target: DbTarget): Promise<{ target: DbTarget; drop(): Promise<void> }> {
  if (!target.databaseUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "yishi-burst-floor-"));
    cpSync(path.join(target.dataDir, "pglite"), path.join(dir, "pglite"), { recursive: true });
    return { target: { dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const source = new URL(target.databaseUrl);
  const name = `${source.pathname.slice(1)}_floor`;
  const adminUrl = new URL(target.databaseUrl);
  adminUrl.pathname = "/postgres";
  await copyDatabase(adminUrl.toString(), source.pathname.slice(1), name);
  const url = new URL(target.databaseUrl);
  url.pathname = `/${name}`;
  return {
    target: { dataDir: target.dataDir, databaseUrl: url.toString() },
    drop: async () => {
      const again = new pg.Client({ connectionString: adminUrl.toString() });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await again.end();
    },
  };
}

/** Writes the burst's acknowledged votes again as bare rows; times from the first batch's start to the last commit. */
export async function burstFloor(target: DbTarget, run: BurstRun, voterIds: string[]): Promise<BurstFloor> {
  const copy = await copyOf(target);
  const db = await openDatabase(copy.target);
  try {
    const { prisma } = db;
    const motion = await prisma.motion.findUniqueOrThrow({
      where: { id: run.motionId },
      select: { id: true, meetingId: true, meeting: { select: { orgId: true } } },
    });
    const orgId = motion.meeting.orgId;
    const accounts = new Map(
      (await prisma.account.findMany({ where: { personId: { in: voterIds } }, select: { id: true, personId: true, displayName: true } })).map((a) => [
        a.personId ?? "",
        a,
      ]),
    );
    const votes = run.votes
      .map((vote, i) => ({ vote, voter: voterIds[i] ?? "", ok: run.acked[i] === true }))
      .filter((v) => v.ok)
      .map(({ vote, voter }) => {
        const account = accounts.get(voter);
        if (!account) throw new Error(`no account for ${voter}`);
        return { ...vote, voter, accountId: account.id, name: account.displayName };
      });
    // The same keys go in again: the burst's own rows of this motion leave the copy (audit entries stay: append-only).
    await prisma.$executeRaw`DELETE FROM "VoteRecord" WHERE "motionId" = ${motion.id}`;
    await prisma.$executeRaw`DELETE FROM "ProcessedCommand" WHERE "clientId" = ANY(${votes.map((v) => v.clientId)}::text[])`;

    const startedAt = performance.now();
    let batches = 0;
    for (let at = 0; at < votes.length; at += MAX_BATCH) {
      const batch = votes.slice(at, at + MAX_BATCH);
      batches += 1;
      await prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`yishi-audit:${orgId}`}))`;
          const [head] = await tx.$queryRaw<{ seq: number; leafHash: string }[]>`
            SELECT seq, "leafHash" FROM "AuditEntry" WHERE "orgId" = ${orgId} ORDER BY seq DESC LIMIT 1`;
          let last: { seq: number; leafHash: Uint8Array } | null = head ? { seq: head.seq, leafHash: Buffer.from(head.leafHash, "hex") } : null;
          const now = new Date();
          const entries = batch.map((v) => {
            const encoded = chainEntry(last, {
              ts: now,
              org: orgId,
              meeting: motion.meetingId,
              actor: { id: v.accountId, role: "member", name: v.name },
              action: "vote.cast",
              object: { type: "motion", id: motion.id },
              data: { voterPersonId: v.voter, castByPersonId: v.voter, choice: v.choice },
            });
            last = { seq: encoded.entry.seq, leafHash: encoded.leafHash };
            return encoded;
          });
          await tx.$executeRaw`INSERT INTO "VoteRecord" ("motionId", "voterPersonId", "castByPersonId", "choice", "clientId")
            SELECT * FROM unnest(${batch.map(() => motion.id)}::text[], ${batch.map((v) => v.voter)}::text[], ${batch.map((v) => v.voter)}::text[],
              ${batch.map((v) => v.choice)}::text[], ${batch.map((v) => v.clientId)}::text[])`;
          await tx.$executeRaw`INSERT INTO "AuditEntry" ("orgId", "seq", "bytes", "leafHash", "meetingId", "action", "actorId", "ts")
            SELECT ${orgId}, s, b, h, ${motion.meetingId}, 'vote.cast', ac, ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'
            FROM unnest(${entries.map((e) => e.entry.seq)}::int[], ${entries.map((e) => e.bytes.toString("utf8"))}::text[],
              ${entries.map((e) => e.leafHash.toString("hex"))}::text[], ${batch.map((v) => v.accountId)}::text[]) AS u(s, b, h, ac)`;
          const results = batch.map((v) =>
            JSON.stringify({ ok: true, motionId: motion.id, voterPersonId: v.voter, recorded: "cast", choice: v.choice, meetingId: motion.meetingId }),
          );
          await tx.$executeRaw`INSERT INTO "ProcessedCommand" ("accountId", "clientId", "command", "result")
            SELECT * FROM unnest(${batch.map((v) => v.accountId)}::text[], ${batch.map((v) => v.clientId)}::text[], ${batch.map(() => "vote")}::text[],
              ${results}::jsonb[])`;
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    }
    const floorMs = performance.now() - startedAt;

    // The same check as the burst's: every vote once, with its choice and one entry.
    const rows = await prisma.voteRecord.findMany({ where: { motionId: motion.id }, select: { voterPersonId: true, choice: true, clientId: true } });
    const written = new Set(votes.map((v) => v.clientId));
    const entries = await prisma.auditEntry.findMany({
      where: { orgId, action: "vote.cast", ts: { gte: new Date(Date.now() - 3_600_000) } },
      select: { bytes: true },
    });
    const perVoter = new Map<string, number>();
    for (const { bytes } of entries) {
      const entry = JSON.parse(bytes) as { object: { id: string }; data: { voterPersonId: string } };
      if (entry.object.id === motion.id) perVoter.set(entry.data.voterPersonId, (perVoter.get(entry.data.voterPersonId) ?? 0) + 1);
    }
    const byVoter = new Map(rows.map((r) => [r.voterPersonId, r]));
    let lost = 0;
    for (const v of votes) if (byVoter.get(v.voter)?.choice !== v.choice || !written.has(byVoter.get(v.voter)?.clientId ?? "")) lost += 1;
    // Each voter now has the burst's entry and the floor's: more than two is a duplicate.
    let duplicated = rows.length > votes.length ? rows.length - votes.length : 0;
    for (const n of perVoter.values()) duplicated += Math.max(0, n - 2);
    return { floor_ms: floorMs, batches, rows: votes.length, lost, duplicated };
  } finally {
    await db.close();
    await copy.drop();
  }
}
