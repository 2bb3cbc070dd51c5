import type { Prisma } from "../../generated/prisma/client";
import { reportAuditAppend } from "../ops/observe";
import { type AuditAction, chainEntry, type AuditActor as EntryActor, type JsonObject } from "./canonical";

export type AuditActor = EntryActor | null;

export type AppendInput = {
  orgId: string;
  meetingId?: string | null;
  actor: AuditActor;
  action: AuditAction;
  object: { type: string; id: string };
  data: JsonObject;
  now?: Date;
};

export type Appended = { seq: number; leafHash: string };

/**
 * Every change of an organization is audited here, in its own transaction: the same transaction marks the
 * organization's stored alerts (server/queries/alertStore.ts) for recomputation at the next read. No snapshot yet:
 * nothing to mark (the first read computes it).
 */
async function markAlertsStale(tx: Prisma.TransactionClient, orgIds: string[]): Promise<void> {
  await tx.$executeRaw`UPDATE "AlertSnapshot" SET dirty = dirty + 1 WHERE "orgId" = ANY(${orgIds}::text[])`;
}

/**
 * The one way anything enters the audit log: inside the caller's transaction, so the entry commits with the change
 * it records or not at all. Appends to one organization's log are serialized by a transaction-scoped advisory lock,
 * so `seq` and `prev` never fork even with several nodes on one PostgreSQL.
 */
export async function appendAudit(tx: Prisma.TransactionClient, input: AppendInput): Promise<Appended> {
  const startedAt = performance.now();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`yishi-audit:${input.orgId}`}))`;
  const last = await tx.auditEntry.findFirst({
    where: { orgId: input.orgId },
    orderBy: { seq: "desc" },
    select: { seq: true, leafHash: true },
  });
  const now = input.now ?? new Date();
  const encoded = chainEntry(last ? { seq: last.seq, leafHash: Buffer.from(last.leafHash, "hex") } : null, {
    ts: now,
    org: input.orgId,
    meeting: input.meetingId ?? null,
    actor: input.actor,
    action: input.action,
    object: input.object,
    data: input.data,
  });
  const hash = encoded.leafHash.toString("hex");
  await tx.auditEntry.create({
    data: {
      orgId: input.orgId,
      seq: encoded.entry.seq,
      // Stored verbatim: these bytes are what the leaf hash covers and what an export carries.
      bytes: encoded.bytes.toString("utf8"),
      leafHash: hash,
      meetingId: encoded.entry.meeting,
      action: encoded.entry.action,
      actorId: input.actor?.id ?? null,
      ts: now,
    },
  });
  await markAlertsStale(tx, [input.orgId]);
  reportAuditAppend(1, (performance.now() - startedAt) / 1_000);
  return { seq: encoded.entry.seq, leafHash: hash };
}

/**
 * Several entries in one go (a burst of votes committed together, perhaps of many organizations — a district's
 * evening batches the votes of dozens of meetings): one statement takes every organization's lock, one reads every
 * head, one inserts every row, one marks their alerts. Same bytes and chaining as appending them one by one; the
 * result is in the order of `inputs`.
 */
export async function appendAuditMany(tx: Prisma.TransactionClient, inputs: AppendInput[]): Promise<Appended[]> {
  if (inputs.length === 0) return [];
  const startedAt = performance.now();
  // Sorted: transactions appending to several logs take their locks in one order and never wait in a circle.
  const orgIds = [...new Set(inputs.map((i) => i.orgId))].sort();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('yishi-audit:' || o))
    FROM unnest(${orgIds}::text[]) WITH ORDINALITY AS u(o, n) ORDER BY n`;
  // Read after the locks (their own statement, so that its snapshot is taken once they are held): the newest entry
  // of each log through its primary key, not a scan of the logs.
  const lasts = await tx.$queryRaw<{ orgId: string; seq: number; leafHash: string }[]>`
    SELECT o AS "orgId", a.seq, a."leafHash" FROM unnest(${orgIds}::text[]) AS o
    JOIN LATERAL (SELECT seq, "leafHash" FROM "AuditEntry" WHERE "orgId" = o ORDER BY seq DESC LIMIT 1) a ON true`;
  const heads = new Map<string, { seq: number; leafHash: Uint8Array }>(
    lasts.map((last) => [last.orgId, { seq: last.seq, leafHash: Buffer.from(last.leafHash, "hex") }]),
  );
  const rows: { orgId: string; seq: number; bytes: string; leafHash: string; meetingId: string | null; action: string; actorId: string | null; ts: Date }[] =
    [];
  const appended: Appended[] = [];
  for (const input of inputs) {
    const now = input.now ?? new Date();
    const encoded = chainEntry(heads.get(input.orgId) ?? null, {
      ts: now,
      org: input.orgId,
      meeting: input.meetingId ?? null,
      actor: input.actor,
      action: input.action,
      object: input.object,
      data: input.data,
    });
    heads.set(input.orgId, { seq: encoded.entry.seq, leafHash: encoded.leafHash });
    const hash = encoded.leafHash.toString("hex");
    rows.push({
      orgId: input.orgId,
      seq: encoded.entry.seq,
      bytes: encoded.bytes.toString("utf8"),
      leafHash: hash,
      meetingId: encoded.entry.meeting,
      action: encoded.entry.action,
      actorId: input.actor?.id ?? null,
      ts: now,
    });
    appended.push({ seq: encoded.entry.seq, leafHash: hash });
  }
  // One INSERT with one array per column: a 250-entry createMany (2,000 bound parameters) was the slowest step of a
  // vote batch on PGlite. Same rows; the timestamps go in as UTC, as Prisma stores DateTime.
  const col = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
  await tx.$executeRaw`INSERT INTO "AuditEntry" ("orgId", "seq", "bytes", "leafHash", "meetingId", "action", "actorId", "ts")
    SELECT o, s, b, h, m, a, ac, t AT TIME ZONE 'UTC'
    FROM unnest(${col("orgId")}::text[], ${col("seq")}::int[], ${col("bytes")}::text[], ${col("leafHash")}::text[], ${col("meetingId")}::text[],
      ${col("action")}::text[], ${col("actorId")}::text[], ${rows.map((row) => row.ts.toISOString())}::timestamptz[]) AS u(o, s, b, h, m, a, ac, t)`;
  await markAlertsStale(tx, orgIds);
  reportAuditAppend(rows.length, (performance.now() - startedAt) / 1_000);
  return appended;
}
