/**
 * The decision a notice discloses, read from the record: the latest announced vote on the matter's agenda items by
 * a body that decides it at S4 (RULES.md §4, the rules engine's competence table). Only a passed, competent vote
 * counted under the matter's own kind is a decision; anything else is no decision to publish.
 */
import { type DecisionRecord, decidesMatter, isPassed } from "../../domain/meeting";
import type { Tx } from "..";

const motionSelect = {
  id: true,
  text: true,
  method: true,
  matterKind: true,
  expected: true,
  present: true,
  announcedAt: true,
  result: true,
  meeting: {
    select: { id: true, number: true, title: true, startsAt: true, orgId: true, body: { select: { id: true, name: true, kind: true, chairId: true } } },
  },
} as const;

type MotionRow = {
  id: string;
  text: string;
  method: string;
  matterKind: string;
  expected: number | null;
  present: number | null;
  announcedAt: Date | null;
  result: unknown;
  meeting: {
    id: string;
    number: string;
    title: string;
    startsAt: Date;
    orgId: string;
    body: { id: string; name: string; kind: string; chairId: string | null };
  };
};

function recordOf(row: MotionRow): DecisionRecord | null {
  if (!isPassed(row.result)) return null;
  const { body, orgId: _orgId, ...meeting } = row.meeting;
  const motion = {
    id: row.id,
    text: row.text,
    method: row.method,
    matterKind: row.matterKind,
    expected: row.expected,
    present: row.present,
    announcedAt: row.announcedAt,
    result: row.result,
  };
  return { motion, meeting, body };
}

/** The matter's decision on record, or null when it has none (no vote yet, or the latest decision vote failed). */
export async function findDecision(tx: Tx, matter: { id: string; kind: string }): Promise<DecisionRecord | null> {
  const motions: MotionRow[] = await tx.motion.findMany({
    where: { item: { matterId: matter.id }, state: "announced" },
    orderBy: { announcedAt: "desc" },
    select: motionSelect,
  });
  const latest = motions.find((m) => decidesMatter(m.meeting.body.kind, matter.kind) && m.matterKind === matter.kind);
  return latest ? recordOf(latest) : null;
}

/** One motion as a decision record, for linking a vote to a matter; null when it did not pass. */
export async function loadMotionRecord(
  tx: Tx,
  motionId: string,
): Promise<(DecisionRecord & { orgId: string; itemId: string; state: string; itemMatterId: string | null }) | null> {
  const row = await tx.motion.findUnique({
    where: { id: motionId },
    select: { ...motionSelect, state: true, itemId: true, item: { select: { matterId: true } } },
  });
  if (!row) return null;
  const record = row.state === "announced" ? recordOf(row) : null;
  if (!record) return null;
  return { ...record, orgId: row.meeting.orgId, itemId: row.itemId, state: row.state, itemMatterId: row.item.matterId };
}
