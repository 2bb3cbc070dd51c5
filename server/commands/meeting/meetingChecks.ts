import { charterSchema } from "../body/createBody";
import { BODY_KINDS, checkNoticePeriod, shanghaiDate, type BodyKind, type RuleWarning } from "../../domain/rules";
import { AppError } from "../../errors";
import { chinaDayStart } from "../../time";
import type { Tx } from "../run";
import { checkPetition, PETITION_RULES } from "./convening";

export function bodyKindOf(kind: string): BodyKind {
  if (!(BODY_KINDS as readonly string[]).includes(kind)) throw new AppError("internal", `unknown body kind ${kind}`);
  return kind as BodyKind;
}

/** The people a petition is counted against: the body's representatives, or the organization's adult villagers. */
async function petitionBase(tx: Tx, bodyId: string, orgId: string, kind: BodyKind): Promise<number> {
  const rule = PETITION_RULES[kind];
  if (!rule) return 0;
  if (rule.base === "villagers") return tx.person.count({ where: { orgId, isAdult: true, deletedAt: null } });
  const representatives = await tx.bodyMember.count({ where: { bodyId, seat: "representative" } });
  return representatives > 0 ? representatives : tx.bodyMember.count({ where: { bodyId } });
}

/** Warnings for a meeting's notice date (checkNoticePeriod) and, for a petition, its number of petitioners. */
export async function meetingWarnings(
  tx: Tx,
  body: { id: string; orgId: string; kind: string },
  meeting: { startsAt: Date; noticeDate: Date | null; convenerBasis: string; petitioners?: number | null },
): Promise<RuleWarning[]> {
  const kind = bodyKindOf(body.kind);
  // A charter may ask for a longer notice than the law (章程); checkNoticePeriod takes the longer of the two.
  const charter = charterSchema.safeParse((await tx.body.findUnique({ where: { id: body.id }, select: { charter: true } }))?.charter ?? {});
  const charterDays = charter.success ? charter.data.noticeDays : undefined;
  const warnings = checkNoticePeriod({ body: kind, noticeDate: meeting.noticeDate, meetingDate: meeting.startsAt, ...(charterDays !== undefined ? { charterDays } : {}) });
  if (meeting.convenerBasis === "petition" && typeof meeting.petitioners === "number") {
    warnings.push(...checkPetition(kind, meeting.petitioners, await petitionBase(tx, body.id, body.orgId, kind), shanghaiDate(meeting.startsAt)));
  }
  return warnings;
}

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
