/**
 * Writes one notice and its `notice.published` audit entry, in the caller's transaction. Used by the first
 * publication of a decision or result and by a correction (a new notice that supersedes an old one: a published
 * notice is never edited in place). Declares `notice.published` for after the commit.
 *
 * The entry carries the notice's full public text and vote summary, so that the audit log alone shows what was
 * posted and when, and the verification page can show that the text on screen is the text in the signed log.
 */
import type { AuditActor } from "../../audit/append";
import { appendAudit } from "../../audit/append";
import { noticeEndsAt } from "../../notice/period";
import type { VoteSummary } from "../../notice/voteSummary";
import { afterCommit, type Tx } from "../run";

export type NoticeKind = "decision" | "result";

export type NewNotice = {
  orgId: string;
  matterId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  voteSummary: VoteSummary | null;
  motionId: string | null;
  periodDays: number;
  postedAt: Date;
  supersedesId?: string | null;
  correctionReason?: string | null;
};

export type WrittenNotice = { id: string; orgId: string; matterId: string; kind: NoticeKind; postedAt: Date; endsAt: Date; seq: number };

export async function writeNotice(tx: Tx, actor: AuditActor, input: NewNotice): Promise<WrittenNotice> {
  const endsAt = noticeEndsAt(input.postedAt, input.periodDays);
  const notice = await tx.notice.create({
    data: {
      orgId: input.orgId,
      matterId: input.matterId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      voteSummary: input.voteSummary ?? undefined,
      motionId: input.motionId,
      postedAt: input.postedAt,
      periodDays: input.periodDays,
      endsAt,
      supersedesId: input.supersedesId ?? null,
      correctionReason: input.correctionReason ?? null,
    },
  });
  const { seq } = await appendAudit(tx, {
    orgId: input.orgId,
    // Not a meeting's entry: the publication happens after the meeting, on the matter (the summary names the meeting).
    meetingId: null,
    actor,
    action: "notice.published",
    object: { type: "notice", id: notice.id },
    data: {
      kind: input.kind,
      matterId: input.matterId,
      motionId: input.motionId,
      title: input.title,
      body: input.body,
      voteSummary: input.voteSummary,
      postedAt: input.postedAt.toISOString(),
      periodDays: input.periodDays,
      endsAt: endsAt.toISOString(),
      supersedesId: input.supersedesId ?? null,
      correctionReason: input.correctionReason ?? null,
    },
  });
  // Once committed, a checkpoint covering the publication is signed (server/listeners/publish.ts).
  afterCommit(tx, { type: "notice.published", orgId: input.orgId, meetingId: "" });
  return { id: notice.id, orgId: input.orgId, matterId: input.matterId, kind: input.kind, postedAt: input.postedAt, endsAt, seq };
}
