/**
 * The vote result a decision notice carries (RULES.md §6: "decision and vote result"), filled in from the record —
 * the motion's stored result (MotionResult, written once at close by the rules engine) and its meeting — never typed
 * by hand. Totals only: no voter is named, not even for a named vote (issue #8).
 */
import { z } from "zod";
import type { DecisionRecord } from "../domain/meeting";

const localized = z.object({ "zh-CN": z.string(), en: z.string() });

export const voteSummarySchema = z.object({
  meetingId: z.string(),
  meetingNumber: z.string(),
  meetingTitle: z.string(),
  bodyName: z.string(),
  bodyKind: z.string(),
  /** The meeting's date and time as scheduled and recorded in its minutes (RFC 3339). */
  heldAt: z.string(),
  motionId: z.string(),
  motionText: z.string(),
  method: z.string(),
  matterKind: z.string(),
  expected: z.number().int().nullable(),
  present: z.number().int().nullable(),
  entitledCount: z.number().int(),
  yes: z.number().int(),
  no: z.number().int(),
  abstain: z.number().int(),
  notVoted: z.number().int(),
  recusedCount: z.number().int(),
  quorumMet: z.boolean(),
  quorumRequired: z.number().int(),
  yesRequired: z.number().int(),
  passed: z.boolean(),
  legalBasis: z.array(z.string()),
  explanation: localized,
  announcedAt: z.string().nullable(),
});

export type VoteSummary = z.infer<typeof voteSummarySchema>;

export function voteSummaryOf({ motion, meeting, body }: DecisionRecord): VoteSummary {
  const r = motion.result;
  return {
    meetingId: meeting.id,
    meetingNumber: meeting.number,
    meetingTitle: meeting.title,
    bodyName: body.name,
    bodyKind: body.kind,
    heldAt: meeting.startsAt.toISOString(),
    motionId: motion.id,
    motionText: motion.text,
    method: motion.method,
    matterKind: motion.matterKind,
    expected: motion.expected,
    present: motion.present,
    entitledCount: r.entitledCount,
    yes: r.tally.yes,
    no: r.tally.no,
    abstain: r.tally.abstain,
    notVoted: r.notVoted,
    recusedCount: r.recusedCount,
    quorumMet: r.quorumMet,
    quorumRequired: r.quorumRequired,
    yesRequired: r.yesRequired,
    passed: r.passed,
    legalBasis: [...r.legalBasis],
    explanation: { "zh-CN": r.explanation["zh-CN"], en: r.explanation.en },
    announcedAt: motion.announcedAt ? motion.announcedAt.toISOString() : null,
  };
}

/** A stored summary read back; null when the column holds something else (never trusted blindly). */
export function parseVoteSummary(value: unknown): VoteSummary | null {
  const parsed = voteSummarySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
