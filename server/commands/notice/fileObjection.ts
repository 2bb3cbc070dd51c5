import { createHash } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { AppError } from "../../errors";
import { shanghaiDay } from "../../notice/period";
import { charCount, OBJECTION_MAX, OBJECTIONS_PER_DAY, requireText } from "../../notice/text";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  noticeId: z.string().min(1).max(64),
  // Generous here so that the 2,000-character rule below answers with its own words and field.
  text: z.string().max(OBJECTION_MAX * 8),
});

export type FiledObjection = { id: string; noticeId: string; orgId: string; remainingToday: number };

/**
 * 提出异议: a resident of the organization (an account whose registered person belongs to it) objects to a notice
 * while its window is open. At most 2,000 characters, and 5 per resident per notice per Asia/Shanghai day
 * (issue #8), so one person cannot bury the supervisors' inbox.
 *
 * The log records that this resident objected and a SHA-256 of the text, not the text: an objection is a
 * resident's own words and may hold personal details, and the log is append-only and exported in bundles. The text
 * lives in the Objection row, shown publicly without the name and with numbers masked.
 *
 * `now` is a plain argument for tests (an objection after the window); HTTP never passes it.
 */
export async function fileObjection(input: unknown, actor: Actor, now: Date = new Date()): Promise<FiledObjection> {
  return runCommand(schema, input, actor, async (tx, data) => {
    if (actor.kind !== "account") throw new AppError("unauthenticated", "log in to object");
    // One resident's objections to one notice are counted and written one at a time: the daily cap holds under races.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`yishi-objection:${data.noticeId}:${actor.accountId}`}))`;
    const notice = await tx.notice.findUnique({ where: { id: data.noticeId }, select: { id: true, orgId: true, endsAt: true } });
    if (!notice) throw new AppError("not_found", "notice not found", { field: "noticeId" });
    const account = await tx.account.findUnique({ where: { id: actor.accountId }, select: { person: { select: { orgId: true, deletedAt: true } } } });
    if (account?.person?.orgId !== notice.orgId || account.person.deletedAt !== null) {
      throw new AppError("forbidden", "only residents of this organization may object to its notices", { details: { reason: "not_resident" } });
    }
    if ((await tx.notice.count({ where: { supersedesId: notice.id } })) > 0) {
      throw new AppError("conflict", "this notice has been corrected; object to the corrected notice", {
        field: "noticeId",
        details: { reason: "superseded" },
      });
    }
    if (now.getTime() >= notice.endsAt.getTime()) {
      throw new AppError("conflict", "the notice period has ended; objections are no longer accepted", {
        field: "noticeId",
        details: { reason: "window_closed", endsAt: notice.endsAt.toISOString() },
      });
    }
    const text = requireText(data.text, "text", OBJECTION_MAX);
    const day = shanghaiDay(now);
    const today = await tx.objection.count({ where: { noticeId: notice.id, accountId: actor.accountId, createdAt: { gte: day.start, lt: day.end } } });
    if (today >= OBJECTIONS_PER_DAY) {
      throw new AppError("rate_limited", `at most ${OBJECTIONS_PER_DAY} objections to one notice per day`, {
        field: "text",
        details: { reason: "daily_cap", max: OBJECTIONS_PER_DAY, resetsAt: day.end.toISOString() },
      });
    }
    const objection = await tx.objection.create({ data: { noticeId: notice.id, accountId: actor.accountId, text, createdAt: now } });
    await appendAudit(tx, {
      orgId: notice.orgId,
      actor: { id: actor.accountId, role: "resident", name: actor.name },
      action: "objection.filed",
      object: { type: "objection", id: objection.id },
      data: { noticeId: notice.id, chars: charCount(text), textSha256: createHash("sha256").update(text, "utf8").digest("hex") },
    });
    return { id: objection.id, noticeId: notice.id, orgId: notice.orgId, remainingToday: OBJECTIONS_PER_DAY - today - 1 };
  });
}
