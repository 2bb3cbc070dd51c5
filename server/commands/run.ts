import type { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { AppError, isAppError } from "../errors";
import { isDatabaseUnavailable } from "../db/unavailable";
import { errorFields, logger } from "../ops/logger";
import { commandName, reportCommand, reportDatabaseError } from "../ops/observe";
import { getRuntime } from "../runtime";
import type { Actor } from "./actor";

export type Tx = Prisma.TransactionClient;

/**
 * Runs one command: validate → (authorize + change + audit entry, in one transaction) → plain data.
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
  try {
    const result = await execute(schema, rawInput, actor, body, prepare);
    reportCommand({ command, actorId, startedAt });
    return result;
  } catch (error) {
    reportCommand({ command, actorId, startedAt, error });
    throw error;
  }
}

async function execute<S extends z.ZodType, R, P>(
  schema: S,
  rawInput: unknown,
  actor: Actor,
  body: (tx: Tx, input: z.infer<S>, prepared: P) => Promise<R>,
  prepare?: (input: z.infer<S>) => Promise<P>,
): Promise<R> {
  const runtime = getRuntime();
  if (runtime.shuttingDown) throw new AppError("unavailable", "server is shutting down");
  const parsed = schema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("invalid_input", issue?.message ?? "invalid input", { field: issue?.path.join(".") || undefined });
  }
  const prepared = (prepare ? await prepare(parsed.data) : undefined) as P;
  const work = runtime.db.prisma.$transaction((tx) => body(tx, parsed.data, prepared), { maxWait: 10_000, timeout: 20_000 });
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
