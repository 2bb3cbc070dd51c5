/**
 * Warnings for a meeting's notice date and, for a petition, its number of petitioners (the rules engine decides;
 * this reads what it needs: the body's charter and the petition's base). Read by the commands that schedule or
 * change a meeting and by the admin's meeting page.
 */

import { checkPetition, PETITION_RULES } from "../../domain/meeting/convening";
import { type BodyKind, bodyKindOf, charterSchema, checkNoticePeriod, type RuleWarning, shanghaiDate } from "../../domain/rules";
import type { Tx } from "..";

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
  const warnings = checkNoticePeriod({
    body: kind,
    noticeDate: meeting.noticeDate,
    meetingDate: meeting.startsAt,
    ...(charterDays !== undefined ? { charterDays } : {}),
  });
  if (meeting.convenerBasis === "petition" && typeof meeting.petitioners === "number") {
    warnings.push(...checkPetition(kind, meeting.petitioners, await petitionBase(tx, body.id, body.orgId, kind), shanghaiDate(meeting.startsAt)));
  }
  return warnings;
}
