import { currentDb } from "../db";
import { meetingWarnings } from "../db/load/meetingWarnings";
import type { RuleWarning } from "../domain/rules";
import { AppError } from "../errors";
import { requireAdmin, type Viewer } from "./access";

export async function adminMeetings(viewer: Viewer, orgId: string) {
  await requireAdmin(viewer, orgId);
  const { prisma } = currentDb();
  const [meetings, bodies] = await Promise.all([
    prisma.meeting.findMany({
      where: { orgId },
      orderBy: { startsAt: "desc" },
      select: {
        id: true,
        number: true,
        title: true,
        startsAt: true,
        place: true,
        state: true,
        body: { select: { name: true } },
        _count: { select: { agenda: true, materials: true } },
      },
    }),
    prisma.body.findMany({ where: { orgId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, kind: true } }),
  ]);
  return { meetings, bodies };
}

export type AdminMeeting = {
  id: string;
  orgId: string;
  shortCode: string;
  body: { id: string; name: string; kind: string };
  number: string;
  title: string;
  startsAt: Date;
  place: string;
  form: string;
  noticeDate: Date | null;
  convenerBasis: string;
  petitioners: number | null;
  isPublic: boolean;
  state: string;
  agenda: { id: string; position: number; title: string; matter: { id: string; title: string; stage: string } | null }[];
  materials: { id: string; filename: string; mime: string; size: number; sha256: string; createdAt: Date }[];
  matters: { id: string; title: string; stage: string; orgName: string }[];
  warnings: RuleWarning[];
};

/** A meeting as its admin edits it: details, agenda, materials (no bytes), the matters it may carry, and warnings. */
export async function adminMeeting(viewer: Viewer, meetingId: string): Promise<AdminMeeting> {
  const { prisma } = currentDb();
  const meeting = await prisma.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      orgId: true,
      shortCode: true,
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
      org: { select: { parentId: true, children: { select: { id: true } } } },
      body: { select: { id: true, name: true, kind: true, orgId: true } },
      agenda: { orderBy: { position: "asc" }, select: { id: true, position: true, title: true, matter: { select: { id: true, title: true, stage: true } } } },
      materials: { orderBy: { createdAt: "asc" }, select: { id: true, filename: true, mime: true, size: true, sha256: true, createdAt: true } },
    },
  });
  if (!meeting) throw new AppError("not_found", "meeting not found");
  await requireAdmin(viewer, meeting.orgId);
  const related = [meeting.orgId, ...(meeting.org.parentId ? [meeting.org.parentId] : []), ...meeting.org.children.map((c) => c.id)];
  const matters = await prisma.matter.findMany({
    where: { orgId: { in: related }, stage: { notIn: ["closed", "closed_rejected", "closed_withdrawn"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, stage: true, org: { select: { name: true } } },
  });
  const warnings = await meetingWarnings(prisma, meeting.body, {
    startsAt: meeting.startsAt,
    noticeDate: meeting.noticeDate,
    convenerBasis: meeting.convenerBasis,
    petitioners: meeting.petitioners,
  });
  const { org, ...rest } = meeting;
  void org;
  return { ...rest, matters: matters.map((m) => ({ id: m.id, title: m.title, stage: m.stage, orgName: m.org.name })), warnings };
}
