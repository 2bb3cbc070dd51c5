/**
 * How long a live view's read transaction may wait for a connection (PGlite: for the one at a time) and then run.
 * Prisma's defaults (2 s to start, 5 s to finish) were met under load on PostgreSQL: hundreds of phones joining while
 * vote batches commit, and `meeting:join` failed with P2028 as `internal` (issue #17). The view is a handful of
 * indexed reads; these bounds leave room for a queue of them and still answer a phone within its retry window. A
 * reader that still runs out is told `unavailable` (server/commands/run.ts toAppError) and retries.
 */
export const LIVE_READ_BUDGET = { maxWait: 10_000, timeout: 15_000 } as const;
