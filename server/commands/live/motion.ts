import type { FrozenVoters } from "../../domain/meeting";
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
};

export type EnteredTotals = { yes: number; no: number; abstain: number; enteredBy: string; confirmedBy: string | null };

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
  };
}
