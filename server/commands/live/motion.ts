import type { EnteredTotals, FrozenVoters } from "../../domain/meeting";
import type { Charter } from "../../domain/rules";
import { AppError } from "../../errors";
import type { Tx } from "../run";

export type MotionRecord = {
  id: string;
  meetingId: string;
  itemId: string;
  text: string;
  method: string;
  matterKind: string;
  state: string;
  entitled: FrozenVoters;
  expected: number;
  present: number;
  recusedCount: number;
  enteredTotals: EnteredTotals | null;
  counters: string[];
  scrutineers: string[];
  result: unknown;
  /** The rule announced at opening (describeRuleBeforeVote); null for motions opened before it was recorded. */
  rule: RecordedRule | null;
};

/** What closeVote needs of the rule fixed at opening: the same charter and the same day's law. */
export type RecordedRule = { yesRequired: number; charter: Charter; onDate: string | null; matter: string };

/** Reads a motion with a row lock: votes, totals and the close of one motion never interleave. */
export async function lockMotion(tx: Tx, motionId: string, meetingId: string): Promise<MotionRecord> {
  await tx.$queryRaw`SELECT id FROM "Motion" WHERE id = ${motionId} FOR UPDATE`;
  const motion = await tx.motion.findUnique({ where: { id: motionId } });
  if (!motion || motion.meetingId !== meetingId) throw new AppError("not_found", "vote not found", { field: "motionId" });
  return {
    id: motion.id,
    meetingId: motion.meetingId,
    itemId: motion.itemId,
    text: motion.text,
    method: motion.method,
    matterKind: motion.matterKind,
    state: motion.state,
    entitled: motion.entitled as FrozenVoters,
    expected: motion.expected ?? 0,
    present: motion.present ?? 0,
    recusedCount: motion.recusedCount ?? 0,
    enteredTotals: (motion.enteredTotals as EnteredTotals | null) ?? null,
    counters: (motion.counters as string[] | null) ?? [],
    scrutineers: (motion.scrutineers as string[] | null) ?? [],
    result: motion.result,
    rule: (motion.rule as RecordedRule | null) ?? null,
  };
}

/**
 * Refuses to go on with a vote whose item's matter no longer has the kind the vote was opened with (issue #16):
 * the rule everyone was shown would no longer be the rule that applies. Nothing is written.
 */
export async function requireMatterUnchanged(tx: Tx, motion: MotionRecord): Promise<void> {
  const item = await tx.agendaItem.findUnique({ where: { id: motion.itemId }, select: { matter: { select: { kind: true } } } });
  const kind = item?.matter?.kind;
  if (kind !== undefined && kind !== motion.matterKind) {
    throw new AppError("matter_kind_mismatch", `the item's matter changed to ${kind} after the vote opened as ${motion.matterKind}`, {
      field: "matterKind",
      details: { matterKind: kind, requested: motion.matterKind },
    });
  }
}
