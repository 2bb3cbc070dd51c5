import { randomBytes, randomUUID } from "node:crypto";
import type { Tx } from "../run";

/**
 * The rows a batch of votes writes, each kind in one INSERT … SELECT FROM unnest(arrays): one parameter per column
 * instead of one per value. On PGlite a 250-row createMany took four times as long (1,500 bound parameters).
 */
export type Writes = {
  participations: { motionId: string; voterPersonId: string; castByPersonId: string }[];
  ballots: { motionId: string; choice: string; tracker: string }[];
  named: { motionId: string; voterPersonId: string; castByPersonId: string; choice: string; clientId: string; isChange: boolean }[];
};

const column = <T, K extends keyof T>(rows: T[], key: K): T[K][] => rows.map((row) => row[key]);

export async function writeVotes(tx: Tx, writes: Writes): Promise<void> {
  const p = writes.participations;
  if (p.length > 0) {
    await tx.$executeRaw`INSERT INTO "BallotParticipation" ("motionId", "voterPersonId", "castByPersonId")
      SELECT * FROM unnest(${column(p, "motionId")}::text[], ${column(p, "voterPersonId")}::text[], ${column(p, "castByPersonId")}::text[])`;
  }
  // Ballots go in shuffled, so that their order in a batch says nothing about who cast which; random ids, no time.
  // They wait in OpenBallot until the close moves them (closeBallots).
  const b = shuffled(writes.ballots);
  if (b.length > 0) {
    await tx.$executeRaw`INSERT INTO "OpenBallot" ("id", "motionId", "choice", "tracker")
      SELECT * FROM unnest(${b.map(() => randomUUID())}::text[], ${column(b, "motionId")}::text[], ${column(b, "choice")}::text[], ${column(b, "tracker")}::text[])`;
  }
  // Per voter: the first write says whether a row existed before this batch; the last one is the choice that counts.
  const byVoter = new Map<string, { isNew: boolean; last: Writes["named"][number] }>();
  for (const w of writes.named) {
    const key = `${w.motionId}|${w.voterPersonId}`;
    byVoter.set(key, { isNew: byVoter.get(key)?.isNew ?? !w.isChange, last: w });
  }
  const created = [...byVoter.values()].filter((v) => v.isNew).map((v) => v.last);
  if (created.length > 0) {
    await tx.$executeRaw`INSERT INTO "VoteRecord" ("motionId", "voterPersonId", "castByPersonId", "choice", "clientId")
      SELECT * FROM unnest(${column(created, "motionId")}::text[], ${column(created, "voterPersonId")}::text[], ${column(created, "castByPersonId")}::text[],
        ${column(created, "choice")}::text[], ${column(created, "clientId")}::text[])`;
  }
  for (const { isNew, last } of byVoter.values()) {
    if (isNew) continue;
    await tx.voteRecord.update({
      where: { motionId_voterPersonId: { motionId: last.motionId, voterPersonId: last.voterPersonId } },
      data: { choice: last.choice, castByPersonId: last.castByPersonId, clientId: last.clientId, updatedAt: new Date() },
    });
  }
}

/**
 * Secret ballots on disk (issue #17). While a vote is open, a batch's ballots are written by the same transaction as
 * its participation rows (one transaction: an acknowledged vote is never half stored), so each carries that
 * transaction's id — which is why they wait in OpenBallot. The close moves the motion's ballots into Ballot in one
 * insert, shuffled, under fresh random ids, so every Ballot row of the motion carries the closing transaction's id
 * and Ballot never holds a deleted tuple. OpenBallot is emptied with TRUNCATE, which gives the table and its index
 * new, empty files and drops the old ones at commit (a DELETE would leave the old tuples, with their transaction ids,
 * in the pages until a VACUUM, and PGlite runs none); the ballots of votes still open elsewhere are written back,
 * shuffled, under new ids. The work is bounded by the ballots of open votes, never by the whole history.
 * The caller holds lockBallotsForClose, so no ballot committed meanwhile is lost. Returns the closing motion's ballots.
 */
export async function closeBallots(tx: Tx, motionId: string): Promise<{ choice: string; tracker: string }[]> {
  const open = await tx.$queryRaw<{ motionId: string; choice: string; tracker: string }[]>`SELECT "motionId", choice, tracker FROM "OpenBallot"`;
  const closing = shuffled(open.filter((ballot) => ballot.motionId === motionId));
  const stillOpen = shuffled(open.filter((ballot) => ballot.motionId !== motionId));
  await tx.$executeRaw`TRUNCATE "OpenBallot"`;
  await insertBallots(tx, "Ballot", closing);
  await insertBallots(tx, "OpenBallot", stillOpen);
  return closing.map(({ choice, tracker }) => ({ choice, tracker }));
}

async function insertBallots(tx: Tx, table: "Ballot" | "OpenBallot", b: { motionId: string; choice: string; tracker: string }[]): Promise<void> {
  if (b.length === 0) return;
  const ids = b.map(() => randomUUID());
  if (table === "Ballot") {
    await tx.$executeRaw`INSERT INTO "Ballot" ("id", "motionId", "choice", "tracker")
      SELECT * FROM unnest(${ids}::text[], ${column(b, "motionId")}::text[], ${column(b, "choice")}::text[], ${column(b, "tracker")}::text[])`;
  } else {
    await tx.$executeRaw`INSERT INTO "OpenBallot" ("id", "motionId", "choice", "tracker")
      SELECT * FROM unnest(${ids}::text[], ${column(b, "motionId")}::text[], ${column(b, "choice")}::text[], ${column(b, "tracker")}::text[])`;
  }
}

/**
 * Taken first by a secret vote's close (before any row lock): no vote batch may write a ballot between the close's
 * read of OpenBallot and its TRUNCATE. Vote batches take the table's ROW EXCLUSIVE lock first too (lockBallotsForVotes),
 * so the two never wait for each other in opposite orders (no deadlock).
 */
export async function lockBallotsForClose(tx: Tx): Promise<void> {
  await tx.$executeRaw`LOCK TABLE "OpenBallot" IN ACCESS EXCLUSIVE MODE`;
}

export async function lockBallotsForVotes(tx: Tx): Promise<void> {
  await tx.$executeRaw`LOCK TABLE "OpenBallot" IN ROW EXCLUSIVE MODE`;
}

/** ProcessedCommand rows (the dedup of client ids); `result` is JSON text. */
export async function insertProcessed(tx: Tx, rows: { accountId: string; clientId: string; command: string; result: string }[]): Promise<void> {
  await tx.$executeRaw`INSERT INTO "ProcessedCommand" ("accountId", "clientId", "command", "result")
    SELECT * FROM unnest(${column(rows, "accountId")}::text[], ${column(rows, "clientId")}::text[], ${column(rows, "command")}::text[], ${column(rows, "result")}::jsonb[])`;
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = randomBytes(4).readUInt32BE(0) % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
