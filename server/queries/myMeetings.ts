import { currentDb } from "../db";

export type MyMeeting = {
  id: string;
  title: string;
  number: string;
  bodyName: string;
  orgName: string;
  startsAt: Date;
  place: string;
  state: string;
  agenda: { position: number; title: string }[];
};

/**
 * Meetings an account takes part in: those of bodies where its person holds a seat or an office, and every meeting
 * of the organizations it administers or supervises.
 */
export async function myMeetings(accountId: string): Promise<MyMeeting[]> {
  const { prisma } = currentDb();
  const account = await prisma.account.findUnique({
    where: { id: accountId },
    select: { personId: true, roles: { select: { orgId: true } } },
  });
  if (!account) return [];
  const personId = account.personId ?? "__none__";
  const meetings = await prisma.meeting.findMany({
    where: {
      OR: [
        { orgId: { in: account.roles.map((r) => r.orgId) } },
        { body: { members: { some: { personId } } } },
        { body: { chairId: personId } },
        { body: { recorderId: personId } },
      ],
      state: { not: "draft" },
    },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      title: true,
      number: true,
      startsAt: true,
      place: true,
      state: true,
      body: { select: { name: true } },
      org: { select: { name: true } },
      agenda: { orderBy: { position: "asc" }, select: { position: true, title: true } },
    },
  });
  // Upcoming and running meetings first, soonest first; then the ones held, latest first.
  const isOver = (state: string) => state === "adjourned" || state === "minutes_signed" || state === "archived";
  meetings.sort((a, b) => {
    if (isOver(a.state) !== isOver(b.state)) return isOver(a.state) ? 1 : -1;
    return isOver(a.state) ? b.startsAt.getTime() - a.startsAt.getTime() : a.startsAt.getTime() - b.startsAt.getTime();
  });
  return meetings.map((m) => ({
    id: m.id,
    title: m.title,
    number: m.number,
    bodyName: m.body.name,
    orgName: m.org.name,
    startsAt: m.startsAt,
    place: m.place,
    state: m.state,
    agenda: m.agenda,
  }));
}
