/**
 * 投票: the command a member's phone (socket `vote:cast`) and the no-JavaScript vote form call. It checks the input
 * and joins the process' group commit: votes arriving within a few milliseconds commit in one transaction, where
 * voteBatch.ts decides each vote by the rules (entitled, not recused, motion open) and writes it with its audit entry.
 */
import { currentDb } from "../../db";
import { AppError } from "../../errors";
import { emitEvents } from "../../events";
import { errorFields, logger } from "../../ops/logger";
import { outcomeOf, reportCommand, reportVote, reportVoteBatch } from "../../ops/observe";
import { getRuntime } from "../../runtime";
import { processSingleton } from "../../singleton";
import type { Actor } from "../actor";
import { transactionWithEvents } from "../run";
import { processVoteBatch, type VoteOutcome, type VoteRequest, voteSchema } from "./voteBatch";

/** Votes that arrive within this window (or until the batch is full) commit together. */
const WINDOW_MS = 4;
// 500: a burst of 2,000 votes commits in a handful of transactions; measured on PGlite, 250 took a third longer
// (each batch also reads its voters' views and waits for the broadcast between batches).
export const MAX_BATCH = 500;

/**
 * Batches committing at once on PostgreSQL: a district's evening has many meetings voting together, and one
 * transaction at a time left their votes queueing behind each other's commits. Votes on one motion always share a
 * lane, so a motion's votes (and a voter's resend) are still decided in the order they came. PGlite has one
 * connection: one lane.
 */
const POSTGRES_LANES = 4;

type Pending = { request: VoteRequest; resolve: (outcome: VoteOutcome) => void };
type Batcher = { queue: Pending[]; timer: NodeJS.Timeout | null; running: Promise<void> | null };

// The batchers of this process, shared by the socket handlers (tsx) and the no-JavaScript form route (Next's bundle).
const KEY = "__yishiVoteBatchers";
function batcher(motionId: string): Batcher {
  const lanes = processSingleton<Batcher[]>(KEY, () => []);
  const count = currentDb().kind === "pglite" ? 1 : POSTGRES_LANES;
  const lane = laneOf(motionId, count);
  lanes[lane] ??= { queue: [], timer: null, running: null };
  return lanes[lane];
}

/** A stable lane for a motion (FNV-1a of its id). */
function laneOf(motionId: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < motionId.length; i++) hash = Math.imul(hash ^ motionId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % count;
}

/**
 * Casts one electronic vote (同意 / 反对 / 弃权). Resolves only after the vote and its audit entry are committed
 * (group commit: a burst of votes shares transactions instead of queueing one each). A refusal is an AppError.
 */
export async function castVote(input: unknown, actor: Actor): Promise<Extract<VoteOutcome, { ok: true }>> {
  const startedAt = performance.now();
  const report = (error?: unknown) => {
    reportVote(outcomeOf(error), (performance.now() - startedAt) / 1_000);
    reportCommand({ command: "live/castVote", actorId: actor.kind === "account" ? actor.accountId : "system", startedAt, error });
  };
  try {
    const outcome = await enqueueVote(input, actor);
    report();
    return outcome;
  } catch (error) {
    report(error);
    throw error;
  }
}

async function enqueueVote(input: unknown, actor: Actor): Promise<Extract<VoteOutcome, { ok: true }>> {
  if (actor.kind !== "account") throw new AppError("forbidden", "votes are cast by members");
  const parsed = voteSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("invalid_input", issue?.message ?? "invalid vote", { field: issue?.path.join(".") || undefined });
  }
  const runtime = getRuntime();
  if (runtime.shuttingDown) throw new AppError("unavailable", "server is shutting down");
  const outcome = await new Promise<VoteOutcome>((resolve) => {
    const b = batcher(parsed.data.motionId);
    b.queue.push({ request: { ...parsed.data, accountId: actor.accountId, accountName: actor.name }, resolve });
    schedule(b);
  });
  if (!outcome.ok) throw outcome.error;
  return outcome;
}

function schedule(b: Batcher): void {
  if (b.running || b.timer) return;
  b.timer = setTimeout(
    () => {
      b.timer = null;
      b.running = flush(b).finally(() => {
        b.running = null;
        if (b.queue.length > 0) schedule(b);
      });
    },
    b.queue.length >= MAX_BATCH ? 0 : WINDOW_MS,
  );
}

async function flush(b: Batcher): Promise<void> {
  const batch = b.queue.splice(0, MAX_BATCH);
  const runtime = getRuntime();
  const startedAt = performance.now();
  const work = transactionWithEvents(
    (tx) =>
      processVoteBatch(
        tx,
        batch.map((p) => p.request),
      ),
    { maxWait: 10_000, timeout: 30_000 },
  );
  runtime.inFlight.add(work);
  try {
    const { result: outcomes, events } = await work;
    batch.forEach((pending, index) => pending.resolve(outcomes[index] ?? { ok: false, error: new AppError("internal", "internal error") }));
    reportVoteBatch(batch.length, (performance.now() - startedAt) / 1_000);
    // After the commit, like every command's events: the meetings' rooms get the new counts (server/listeners/).
    await emitEvents(events);
  } catch (error) {
    logger().error({ ...errorFields(error), votes: batch.length }, "vote batch failed");
    // Nothing of the batch was committed: every voter gets a retryable error, and a retry with the same id is safe.
    for (const pending of batch) pending.resolve({ ok: false, error: new AppError("unavailable", "the vote was not recorded; please try again") });
  } finally {
    runtime.inFlight.delete(work);
  }
}
