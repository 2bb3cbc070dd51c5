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
  const b = shuffled(writes.ballots);
  if (b.length > 0) {
    await tx.$executeRaw`INSERT INTO "Ballot" ("id", "motionId", "choice", "tracker")
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

/** Replaces a secret vote's ballots with the same choices and trackers, shuffled, under fresh random ids. */
export async function rewriteBallots(tx: Tx, motionId: string, ballots: { choice: string; tracker: string }[]): Promise<void> {
  await tx.ballot.deleteMany({ where: { motionId } });
  const b = shuffled(ballots);
  if (b.length === 0) return;
  await tx.$executeRaw`INSERT INTO "Ballot" ("id", "motionId", "choice", "tracker")
    SELECT * FROM unnest(${b.map(() => randomUUID())}::text[], ${b.map(() => motionId)}::text[], ${column(b, "choice")}::text[], ${column(b, "tracker")}::text[])`;
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
