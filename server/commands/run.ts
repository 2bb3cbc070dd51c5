import type { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { isDatabaseUnavailable } from "../db/unavailable";
import { AppError, isAppError } from "../errors";
import { emitEvents, type YishiEvent } from "../events";
import { errorFields, logger } from "../ops/logger";
import { commandName, reportCommand, reportDatabaseError } from "../ops/observe";
import { getRuntime } from "../runtime";
import type { Actor } from "./actor";

export type Tx = Prisma.TransactionClient;

// The events each open transaction has declared. Keyed by the transaction's client, so only code holding the
// transaction can declare, and an event of a rolled-back transaction is dropped with it.
const declared = new WeakMap<Tx, YishiEvent[]>();

/**
 * Declares what happens once this command's transaction commits (server/events.ts): the event is dispatched to the
 * listeners (server/listeners/) after the commit, never on rollback. The command fills in orgId and meetingId.
 */
export function afterCommit(tx: Tx, event: YishiEvent): void {
  const events = declared.get(tx);
  if (!events) throw new Error(`afterCommit(${event.type}) outside a command's transaction`);
  // Declared twice (two signatures of one paper sheet): reacted to once.
  const key = JSON.stringify(event);
  if (!events.some((e) => JSON.stringify(e) === key)) events.push(event);
}

/**
 * One transaction whose body may declare after-commit events: resolves with the body's result and those events
 * once committed. runCommand and the vote batcher (castVote.ts) open their transactions here.
 */
export async function transactionWithEvents<R>(
  body: (tx: Tx) => Promise<R>,
  options: { maxWait: number; timeout: number },
): Promise<{ result: R; events: YishiEvent[] }> {
  return getRuntime().db.prisma.$transaction(async (tx) => {
    const events: YishiEvent[] = [];
    declared.set(tx, events);
    try {
      return { result: await body(tx), events };
    } finally {
      declared.delete(tx);
    }
  }, options);
}

/**
 * Runs one command: validate → (authorize + change + audit entry, in one transaction) → after-commit events
 * (`afterCommit`, dispatched to the listeners once committed) → plain data.
 * The command is tracked so that shutdown lets it finish before the database closes. Each command ends with one
 * log line (request id, actor id, command, duration, outcome) and its metrics (server/ops/observe.ts).
 */
export async function runCommand<S extends z.ZodType, R, P = undefined>(
  schema: S,
  rawInput: unknown,
  actor: Actor,
  body: (tx: Tx, input: z.infer<S>, prepared: P) => Promise<R>,
  /** Slow work that needs no database (password hashing) runs before the transaction opens: PGlite runs one at a time. */
  prepare?: (input: z.infer<S>) => Promise<P>,
): Promise<R> {
  // Before the first await: the calling command's file is still on the stack.
  const command = commandName(schema);
  const startedAt = performance.now();
  const actorId = actor.kind === "account" ? actor.accountId : "system";
  let committed: { result: R; events: YishiEvent[] };
  try {
    committed = await execute(schema, rawInput, actor, body, prepare);
    reportCommand({ command, actorId, startedAt });
  } catch (error) {
    reportCommand({ command, actorId, startedAt, error });
    throw error;
  }
  // Only now, committed: the listeners (broadcast, checkpoint, minutes, sessions) hear of it.
  await emitEvents(committed.events);
  return committed.result;
}

async function execute<S extends z.ZodType, R, P>(
  schema: S,
  rawInput: unknown,
  _actor: Actor,
  body: (tx: Tx, input: z.infer<S>, prepared: P) => Promise<R>,
  prepare?: (input: z.infer<S>) => Promise<P>,
): Promise<{ result: R; events: YishiEvent[] }> {
  const runtime = getRuntime();
  if (runtime.shuttingDown) throw new AppError("unavailable", "server is shutting down");
  const parsed = schema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("invalid_input", issue?.message ?? "invalid input", { field: issue?.path.join(".") || undefined });
  }
  const prepared = (prepare ? await prepare(parsed.data) : undefined) as P;
  const work = transactionWithEvents((tx) => body(tx, parsed.data, prepared), { maxWait: 10_000, timeout: 20_000 });
  runtime.inFlight.add(work);
  try {
    return await work;
  } catch (error) {
    throw toAppError(error);
  } finally {
    runtime.inFlight.delete(work);
  }
}

/** Any failure as the typed error a client gets (also for socket reads, server/realtime/ack.ts); logs the unexpected. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error as AppError;
  const code = (error as { code?: string }).code;
  // Prisma 7 P2002 carries no target: a unique constraint refused a duplicate.
  if (code === "P2002") return new AppError("conflict", "already exists");
  if (code === "P2025") return new AppError("not_found", "not found");
  // P2028: a transaction could not start or finish within its budget (a busy database). Nothing was committed by
  // it; the caller may retry — `unavailable`, never a 500.
  if (code === "P2028") {
    logger().warn(errorFields(error), "transaction budget exceeded");
    return new AppError("unavailable", "the database is busy; please try again");
  }
  // The database went away under the command (PostgreSQL restarting): retryable. The transaction rolled back — or,
  // if the connection died during COMMIT, committed, which a resend with the same client id finds (votes).
  if (isDatabaseUnavailable(error)) {
    reportDatabaseError(error);
    return new AppError("unavailable", "the database is not reachable; please try again");
  }
  reportDatabaseError(error);
  logger().error(errorFields(error), "command failed");
  return new AppError("internal", "internal error");
}
