import { type AuditActor, appendAudit } from "../../audit/append";
import type { JsonObject } from "../../audit/canonical";
import { AppError } from "../../errors";
import type { Tx } from "../run";

export type MatterMove = {
  matter: { id: string; orgId: string };
  from: string;
  to: string;
  /** What moved it, kept in the matter's history: the meeting and motion of a vote, or the reason in words. */
  meetingId?: string;
  motionId?: string;
  reason?: string;
  /** The log's actor (null: the system) and the account kept in the history. */
  actor: AuditActor;
  actorId: string | null;
  /** The `matter.moved` entry: its meeting, and what it records besides `from` and `to`. */
  audit: { meetingId?: string; data: JsonObject };
};

/**
 * The one way a matter changes stage (RULES.md §4 四议两公开): the stage, a history row and the `matter.moved`
 * entry, in the caller's transaction. The update is conditional on the stage the caller read, so two moves of one
 * matter at once cannot both succeed (`conflict`). A record that keeps the stage (a vote that moves nothing, a
 * decision vote linked at S4) leaves the row as it is and still enters the history and the log.
 */
export async function recordMatterMove(tx: Tx, move: MatterMove): Promise<void> {
  if (move.from !== move.to) {
    const moved = await tx.matter.updateMany({ where: { id: move.matter.id, stage: move.from }, data: { stage: move.to } });
    if (moved.count !== 1) throw new AppError("conflict", "the matter moved meanwhile", { field: "matterId" });
  }
  await tx.matterEvent.create({
    data: {
      matterId: move.matter.id,
      fromStage: move.from,
      toStage: move.to,
      meetingId: move.meetingId ?? null,
      motionId: move.motionId ?? null,
      reason: move.reason ?? null,
      actorId: move.actorId,
    },
  });
  await appendAudit(tx, {
    orgId: move.matter.orgId,
    meetingId: move.audit.meetingId,
    actor: move.actor,
    action: "matter.moved",
    object: { type: "matter", id: move.matter.id },
    data: { from: move.from, to: move.to, ...move.audit.data },
  });
}
