import { z } from "zod";
import { findDecision } from "../../db/load/decisionRecord";
import { AppError } from "../../errors";
import { assertPeriodDays } from "../../notice/period";
import { CORRECTION_REASON_MAX, NOTICE_BODY_MAX, requireText, TITLE_MAX } from "../../notice/text";
import { parseVoteSummary, voteSummaryOf } from "../../notice/voteSummary";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { lockMatter, requirePublisher } from "./publisher";
import { type NoticeKind, type WrittenNotice, writeNotice } from "./writeNotice";

const schema = z.strictObject({
  noticeId: z.string().min(1).max(64),
  /** Why the notice is corrected; shown on both notices and logged. */
  reason: z.string().max(CORRECTION_REASON_MAX * 4),
  /** Default: the old notice's. */
  title: z
    .string()
    .max(TITLE_MAX * 4)
    .optional(),
  body: z
    .string()
    .max(NOTICE_BODY_MAX * 4)
    .optional(),
  periodDays: z.number().int().optional(),
});

/**
 * 更正公告. A published notice is never edited: a correction is a new notice that names the one it supersedes and
 * why; the old one stays visible, marked superseded, with its objections and replies. The corrected notice gets a
 * full notice period of its own, since residents must have the whole period to read what is now posted. A decision
 * notice's vote result is filled in again from the record. Only the current notice of a chain can be corrected.
 */
export async function correctNotice(input: unknown, actor: Actor, now: Date = new Date()): Promise<WrittenNotice> {
  const written = await runCommand(schema, input, actor, async (tx, data) => {
    const old = await tx.notice.findUnique({
      where: { id: data.noticeId },
      select: { id: true, orgId: true, matterId: true, kind: true, title: true, body: true, periodDays: true, voteSummary: true, motionId: true },
    });
    if (!old) throw new AppError("not_found", "notice not found", { field: "noticeId" });
    await lockMatter(tx, old.matterId);
    const matter = await tx.matter.findUniqueOrThrow({ where: { id: old.matterId }, select: { id: true, kind: true } });
    const decision = await findDecision(tx, matter);
    const auditActor = await requirePublisher(tx, actor, old.orgId, decision?.body.id ?? null);
    if ((await tx.notice.count({ where: { supersedesId: old.id } })) > 0) {
      throw new AppError("conflict", "this notice has already been corrected; correct the newest one", {
        field: "noticeId",
        details: { reason: "superseded" },
      });
    }
    const kind = old.kind as NoticeKind;
    const periodDays = data.periodDays ?? old.periodDays;
    assertPeriodDays(periodDays);
    const voteSummary = kind === "decision" ? (decision ? voteSummaryOf(decision) : parseVoteSummary(old.voteSummary)) : null;
    return writeNotice(tx, auditActor, {
      orgId: old.orgId,
      matterId: old.matterId,
      kind,
      title: requireText(data.title ?? old.title, "title", TITLE_MAX, { noPersonalNumbers: true }),
      body: requireText(data.body ?? old.body, "body", NOTICE_BODY_MAX, { noPersonalNumbers: true }),
      voteSummary,
      motionId: voteSummary?.motionId ?? old.motionId,
      periodDays,
      postedAt: now,
      supersedesId: old.id,
      correctionReason: requireText(data.reason, "reason", CORRECTION_REASON_MAX, { noPersonalNumbers: true }),
    });
  });
  return written;
}
