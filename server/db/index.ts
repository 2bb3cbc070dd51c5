/**
 * The one way production code reaches the database: `currentDb()` (the process' database: Prisma client, raw SQL,
 * its kind) and the `Tx` type of a transaction. Only the parts that own data call it — Commands, Queries, Audit,
 * Minutes (its document store), Ops, Tools (server/cli) and the process entry; server/db/access.test.ts checks that
 * no other part does, and that nothing reads `getRuntime().db` around it.
 */
import type { Prisma } from "../../generated/prisma/client";
import { getRuntime } from "../runtime";
import type { Database } from "./client";

export type { Database } from "./client";

/** A Prisma transaction (or, where a reader accepts either, the client itself is passed in its place). */
export type Tx = Prisma.TransactionClient;

/** The database of this process, opened by server/index.ts (or a test's runtime). */
export function currentDb(): Database {
  return getRuntime().db;
}
