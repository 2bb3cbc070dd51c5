import type { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { AppError, isAppError } from "../errors";
import { getRuntime } from "../runtime";
import type { Actor } from "./actor";

export type Tx = Prisma.TransactionClient;

/**
 * Runs one command: validate → (authorize + change + audit entry, in one transaction) → plain data.
 * The command is tracked so that shutdown lets it finish before the database closes.
 */
export async function runCommand<S extends z.ZodType, R, P = undefined>(
  schema: S,
  rawInput: unknown,
  actor: Actor,
  body: (tx: Tx, input: z.infer<S>, prepared: P) => Promise<R>,
  /** Slow work that needs no database (password hashing) runs before the transaction opens: PGlite runs one at a time. */
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

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error as AppError;
  const code = (error as { code?: string }).code;
  // Prisma 7 P2002 carries no target: a unique constraint refused a duplicate.
  if (code === "P2002") return new AppError("conflict", "already exists");
  if (code === "P2025") return new AppError("not_found", "not found");
  console.error("command failed", error);
  return new AppError("internal", "internal error");
}
