import { AppError } from "../../errors";
import { chinaDayStart } from "../../time";
import type { Tx } from "../run";

/** The notice and petition warnings of a meeting, read by scheduling commands and the admin's meeting page alike. */
export { meetingWarnings } from "../../db/load/meetingWarnings";

/**
 * A matter on an agenda must belong to the meeting's organization, its village, or one of its cooperatives: under
 * 四议两公开 a cooperative's matter is proposed and reviewed by the village's party organs (RCEOL 26) and decided by
 * the cooperative's own body.
 */
export async function requireMattersOf(tx: Tx, orgId: string, matterIds: (string | null | undefined)[]): Promise<void> {
  const ids = [...new Set(matterIds.filter((id): id is string => typeof id === "string"))];
  if (ids.length === 0) return;
  const org = await tx.organization.findUnique({ where: { id: orgId }, select: { parentId: true, children: { select: { id: true } } } });
  const allowed = [orgId, ...(org?.parentId ? [org.parentId] : []), ...(org?.children.map((c) => c.id) ?? [])];
  const found = await tx.matter.count({ where: { id: { in: ids }, orgId: { in: allowed } } });
  if (found !== ids.length) throw new AppError("not_found", "matter not found in this organization", { field: "matterId" });
}

/** `YYYY-MM-DD` → midnight in Asia/Shanghai (UTC+8 all year). */
export function noticeDateOf(value: string | null | undefined): Date | null {
  return value ? chinaDayStart(value) : null;
}

/** Meetings are changed by the admin only before they open; the record of a held meeting is the minutes'. */
export function requireNotStarted(state: string): void {
  if (state !== "draft" && state !== "scheduled") {
    throw new AppError("conflict", "the meeting has already started", { field: "meetingId", details: { reason: "started" } });
  }
}
