import { z } from "zod";
import { canReadMeeting } from "../auth/permissions";
import { currentDb } from "../db";
import { AppError } from "../errors";
import { actorOf, type Viewer } from "./access";

export type PublishedTrackers = {
  meeting: { id: string; bodyName: string; number: string; title: string };
  /** Secret ballots whose result the chair has announced, each with every ballot's tracker, sorted. */
  motions: { id: string; text: string; announcedAt: string; ballots: number; trackers: string[] }[];
  /** Secret ballots closed or open but not yet announced: their trackers are not shown yet. */
  pending: number;
};

const resultSchema = z.looseObject({
  trackers: z.array(z.string()).optional(),
  tally: z.looseObject({ yes: z.number(), no: z.number(), abstain: z.number() }).optional(),
});

/**
 * The published trackers of a meeting's secret ballots (issue #19 item 2): only once the result is announced, sorted,
 * never with a voter or a choice. Anyone may read them for a public meeting; otherwise whoever may read the meeting.
 */
export async function publishedTrackers(viewer: Viewer | null, meetingId: string): Promise<PublishedTrackers> {
  const { prisma } = currentDb();
  const meeting = await prisma.meeting.findUnique({
    where: { id: meetingId },
    select: { id: true, orgId: true, bodyId: true, number: true, title: true, isPublic: true, body: { select: { name: true } } },
  });
  if (!meeting) throw new AppError("not_found", "meeting not found");
  if (!meeting.isPublic) {
    if (!viewer) throw new AppError("unauthenticated", "this meeting is not public");
    if (!(await canReadMeeting(prisma, actorOf(viewer), meeting))) throw new AppError("forbidden", "not a participant of this meeting");
  }
  const motions = await prisma.motion.findMany({
    where: { meetingId, method: "secret", state: { not: "draft" } },
    orderBy: { openedAt: "asc" },
    select: { id: true, text: true, state: true, result: true, announcedAt: true },
  });
  const published = motions.flatMap((m) => {
    if (m.state !== "announced" || !m.announcedAt) return [];
    const result = resultSchema.safeParse(m.result);
    const trackers = result.success ? [...(result.data.trackers ?? [])].sort() : [];
    const tally = result.success ? result.data.tally : undefined;
    const ballots = tally ? tally.yes + tally.no + tally.abstain : trackers.length;
    return [{ id: m.id, text: m.text, announcedAt: m.announcedAt.toISOString(), ballots, trackers }];
  });
  return {
    meeting: { id: meeting.id, bodyName: meeting.body.name, number: meeting.number, title: meeting.title },
    motions: published,
    pending: motions.length - published.length,
  };
}
