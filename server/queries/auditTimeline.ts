/**
 * The supervisor console's timeline: entries of one organization's log, newest first, decoded from their exact
 * stored bytes (what the leaf hash covers), filtered by meeting, actor, action and date (days in Asia/Shanghai).
 */
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { decodeEntry } from "../audit/verify.mjs";
import { currentDb } from "../db";
import { chinaDayStart } from "../time";
import type { Viewer } from "./access";
import { requireSupervisor } from "./auditAccess";

export const TIMELINE_PAGE_SIZE = 50;
/** The actor filter's value for entries written by the system (seed, CLI, timers). */
export const SYSTEM_ACTOR = "system";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const timelineFilterSchema = z.object({
  meeting: z.string().min(1).max(64).optional().catch(undefined),
  actor: z.string().min(1).max(64).optional().catch(undefined),
  action: z.string().min(1).max(64).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});
export type TimelineFilter = z.infer<typeof timelineFilterSchema>;

export type TimelineEntry = {
  seq: number;
  ts: string;
  action: string;
  meetingId: string | null;
  actor: { id: string; role: string; name: string } | null;
  object: { type: string; id: string };
  /** The entry's data as indented JSON, or null when the stored bytes do not decode (see `problem`). */
  data: string | null;
  leafHash: string;
  /** Set when the stored bytes are not a valid entry (a damaged log still shows every row). */
  problem: string | null;
};

export type Timeline = {
  entries: TimelineEntry[];
  total: number;
  page: number;
  pages: number;
  options: {
    meetings: { id: string; label: string }[];
    actors: { id: string; name: string }[];
    actions: string[];
  };
};

function whereOf(orgId: string, filter: TimelineFilter): Prisma.AuditEntryWhereInput {
  const ts: Prisma.DateTimeFilter = {};
  if (filter.from) ts.gte = chinaDayStart(filter.from);
  if (filter.to) ts.lt = new Date(chinaDayStart(filter.to).getTime() + 24 * 3600 * 1000);
  return {
    orgId,
    ...(filter.meeting ? { meetingId: filter.meeting } : {}),
    ...(filter.actor ? { actorId: filter.actor === SYSTEM_ACTOR ? null : filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to ? { ts } : {}),
  };
}

function decodeRow(row: { seq: number; bytes: string; leafHash: string; action: string; meetingId: string | null }): TimelineEntry {
  try {
    const entry = decodeEntry(Buffer.from(row.bytes, "utf8"));
    return {
      seq: row.seq,
      ts: entry.ts,
      action: entry.action,
      meetingId: entry.meeting,
      actor: entry.actor,
      object: entry.object,
      data: JSON.stringify(entry.data, null, 2),
      leafHash: row.leafHash,
      problem: entry.seq === row.seq ? null : `the entry says seq ${entry.seq}`,
    };
  } catch (error) {
    const object = { type: "?", id: "?" };
    return {
      seq: row.seq,
      ts: "",
      action: row.action,
      meetingId: row.meetingId,
      actor: null,
      object,
      data: null,
      leafHash: row.leafHash,
      problem: (error as Error).message,
    };
  }
}

async function filterOptions(orgId: string): Promise<Timeline["options"]> {
  const { prisma } = currentDb();
  const [meetings, actorGroups, actionGroups] = await Promise.all([
    prisma.meeting.findMany({ where: { orgId }, orderBy: { startsAt: "desc" }, select: { id: true, number: true, title: true } }),
    prisma.auditEntry.groupBy({ by: ["actorId"], where: { orgId } }),
    prisma.auditEntry.groupBy({ by: ["action"], where: { orgId } }),
  ]);
  const actorIds = actorGroups.map((g) => g.actorId).filter((id): id is string => id !== null);
  const accounts = await prisma.account.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } });
  const names = new Map(accounts.map((a) => [a.id, a.displayName]));
  const actors = actorIds.map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  if (actorGroups.some((g) => g.actorId === null)) actors.unshift({ id: SYSTEM_ACTOR, name: "" });
  return {
    meetings: meetings.map((m) => ({ id: m.id, label: `${m.number} ${m.title}` })),
    actors,
    actions: actionGroups.map((g) => g.action).sort(),
  };
}

export async function auditTimeline(viewer: Viewer | null, orgId: string, rawFilter: unknown): Promise<Timeline> {
  await requireSupervisor(viewer, orgId);
  const filter = timelineFilterSchema.parse(rawFilter ?? {});
  const { prisma } = currentDb();
  const where = whereOf(orgId, filter);
  const total = await prisma.auditEntry.count({ where });
  const pages = Math.max(1, Math.ceil(total / TIMELINE_PAGE_SIZE));
  const page = Math.min(filter.page ?? 1, pages);
  const rows = await prisma.auditEntry.findMany({
    where,
    orderBy: { seq: "desc" },
    skip: (page - 1) * TIMELINE_PAGE_SIZE,
    take: TIMELINE_PAGE_SIZE,
    select: { seq: true, bytes: true, leafHash: true, action: true, meetingId: true },
  });
  return { entries: rows.map(decodeRow), total, page, pages, options: await filterOptions(orgId) };
}
