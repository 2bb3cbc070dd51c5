/**
 * The speakers queue (发言) of the current agenda item as stored rows, rebuilt for the pure queue rules in
 * server/domain/meeting/speakers.ts; used by the floor commands (requestFloor, grantFloor).
 */
import type { SpeakersQueue } from "../../domain/meeting";
import { AppError } from "../../errors";
import type { Tx } from "../run";
import type { MeetingContext } from "./context";

/** Default time limit of one speech; the chair may set another when granting. */
export const DEFAULT_SPEECH_SECONDS = 180;

/** The speakers queue of the current item, rebuilt from its rows for the pure domain rules. */
export async function loadQueue(tx: Tx, ctx: MeetingContext): Promise<{ itemId: string; queue: SpeakersQueue; rowIds: Map<number, string> }> {
  const itemId = ctx.meeting.currentItemId;
  if (!itemId) throw new AppError("conflict", "no agenda item is under discussion", { field: "currentItemId" });
  const rows = await tx.speakerRequest.findMany({ where: { itemId }, orderBy: { requestedAt: "asc" } });
  const rowIds = new Map<number, string>();
  const entries = rows.map((row, index) => {
    rowIds.set(index + 1, row.id);
    const status = row.withdrawnAt ? "withdrawn" : row.finishedAt ? "finished" : row.grantedAt ? "speaking" : "pending";
    return {
      seq: index + 1,
      personId: row.personId,
      status,
      requestedAt: row.requestedAt,
      grantedAt: row.grantedAt,
      endedAt: row.finishedAt ?? row.withdrawnAt,
    } as const;
  });
  return { itemId, queue: { itemId, limitSeconds: DEFAULT_SPEECH_SECONDS, entries }, rowIds };
}
