/**
 * Live views under a busy database (issue #17): on PostgreSQL under load, `meeting:join` failed with `internal` —
 * Prisma P2028, the view's read transaction outwaited by Prisma's 2 s / 5 s defaults. Here PGlite, which runs one
 * transaction at a time, is kept busy by another transaction, in this process on a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed";
import { toAppError } from "../commands/run";
import type { Database } from "../db/client";
import { openInProcessDb } from "../testing/inProcessDb";
import { liveView } from "./liveMeeting";

let db: Database;
let close: () => Promise<void>;
let meetingId = "";

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  await seedDemo();
  meetingId = (await db.prisma.meeting.findFirstOrThrow({ select: { id: true } })).id;
}, 120_000);

afterAll(async () => {
  await close?.();
});

/** Another transaction holding the database for `ms` (PGlite: nobody else starts one meanwhile). */
async function busyFor(ms: number): Promise<{ done: Promise<unknown> }> {
  let started: () => void = () => undefined;
  const begun = new Promise<void>((resolve) => (started = resolve));
  const done = db.prisma.$transaction(
    async (tx) => {
      started();
      await tx.meeting.count();
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    { timeout: ms + 10_000 },
  );
  await begun;
  return { done };
}

describe("a live view on a busy database", () => {
  it("waits its turn for longer than Prisma's 2 s default and answers the view", async () => {
    const busy = await busyFor(3_500);
    const view = await liveView(meetingId, "public");
    expect(view.meeting.title).toBe("村民代表会议");
    await busy.done;
  }, 30_000);

  it("a reader that still cannot start is told `unavailable` (retry), not `internal`", async () => {
    const busy = await busyFor(1_500);
    const error = await db.prisma
      .$transaction(async (tx) => tx.meeting.count(), { maxWait: 200 })
      .then(
        () => null,
        (reason: unknown) => reason,
      );
    await busy.done;
    expect((error as { code?: string } | null)?.code).toBe("P2028");
    expect(toAppError(error).toJSON()).toMatchObject({ code: "unavailable" });
  }, 30_000);
});
