import { canReadMeeting, canReadMeetingOrTownship, orgRolesOf, townshipRolesOver } from "../auth/permissions";
import { currentDb } from "../db";
import { convenerOf } from "../domain/meeting/convening";
import { bodyKindOf, shanghaiDate } from "../domain/rules";
import { AppError } from "../errors";
import { actorOf, type Viewer } from "./access";

/**
 * A meeting as its participants see it before and after: details, agenda, the convener by law, materials (names
 * and sizes). For the organization's people, the body's members and officers, admins and supervisors only.
 */
export async function meetingInfo(viewer: Viewer, meetingId: string) {
  const { prisma } = currentDb();
  const meeting = await prisma.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      orgId: true,
      bodyId: true,
      number: true,
      title: true,
      startsAt: true,
      place: true,
      form: true,
      noticeDate: true,
      convenerBasis: true,
      petitioners: true,
      isPublic: true,
      state: true,
      org: { select: { name: true } },
      body: { select: { name: true, kind: true, chair: { select: { name: true } }, recorder: { select: { name: true } } } },
      agenda: { orderBy: { position: "asc" }, select: { id: true, position: true, title: true, matter: { select: { id: true, title: true } } } },
      materials: { orderBy: { createdAt: "asc" }, select: { id: true, filename: true, mime: true, size: true } },
    },
  });
  if (!meeting) throw new AppError("not_found", "meeting not found");
  // The township's staff read the meetings of their villages (issue #20), read-only; its 镇街监督 writes an opinion.
  const townshipRoles = await townshipRolesOver(prisma, actorOf(viewer), meeting.orgId);
  if (townshipRoles.length === 0 && !(await canReadMeeting(prisma, actorOf(viewer), meeting)))
    throw new AppError("forbidden", "not a participant of this meeting");
  const kind = bodyKindOf(meeting.body.kind);
  const isAdmin = (await orgRolesOf(prisma, viewer.id, meeting.orgId)).includes("admin");
  const rows = await prisma.supervisionOpinion.findMany({
    where: { meetingId: meeting.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, text: true, byTownship: true, createdAt: true, accountId: true },
  });
  const authors = await prisma.account.findMany({ where: { id: { in: [...new Set(rows.map((o) => o.accountId))] } }, select: { id: true, displayName: true } });
  const authorOf = new Map(authors.map((a) => [a.id, a.displayName]));
  const opinions = rows.map((o) => ({ id: o.id, text: o.text, byTownship: o.byTownship, createdAt: o.createdAt, author: authorOf.get(o.accountId) ?? null }));
  return {
    ...meeting,
    kind,
    convener: convenerOf(kind, shanghaiDate(meeting.startsAt)),
    isAdmin,
    opinions,
    canWriteTownshipOpinion: townshipRoles.includes("supervisor"),
  };
}

/** The bytes of one material, for whoever may read its meeting. */
export async function materialFile(viewer: Viewer, meetingId: string, materialId: string) {
  const { prisma } = currentDb();
  const material = await prisma.material.findUnique({
    where: { id: materialId },
    select: { meetingId: true, filename: true, mime: true, size: true, data: true, meeting: { select: { orgId: true, bodyId: true } } },
  });
  if (!material || material.meetingId !== meetingId) throw new AppError("not_found", "material not found");
  if (!(await canReadMeetingOrTownship(prisma, actorOf(viewer), material.meeting))) throw new AppError("forbidden", "not a participant of this meeting");
  return { filename: material.filename, mime: material.mime, size: material.size, data: material.data };
}
