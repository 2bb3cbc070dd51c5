import { bodyRolesOf, orgRolesOf } from "../auth/permissions";
import { currentDb } from "../db";
import { type Forecast, forecastQuorum, ONLINE_ATTENDANCE } from "../domain/meeting/forecast";
import { type DeliverySummary, summarizeDelivery } from "../domain/meeting/noticeDelivery";
import { bodyKindOf, charterSchema, checkNoticePeriod, type Localized, type RuleWarning } from "../domain/rules";
import { AppError } from "../errors";
import { activeProviders } from "../notify/active";
import { enabledChannels } from "../notify/providers";
import { CHINA_TIME_ZONE } from "../time";
import type { Viewer } from "./access";

const DAY = new Intl.DateTimeFormat("zh-CN", { timeZone: CHINA_TIME_ZONE, month: "long", day: "numeric" });
const DAY_EN = new Intl.DateTimeFormat("en", { timeZone: CHINA_TIME_ZONE, month: "short", day: "numeric" });

export type ChannelState = { status: string; at: Date | null; attempts: number; error: string | null };

export type DeliveryBoard = {
  meetingId: string;
  orgId: string;
  bodyName: string;
  number: string;
  state: string;
  summary: DeliverySummary;
  /** 已通知 14/15（最早 11月20日），已签收 11，请假 2 */
  summaryText: Localized;
  /** The notice period counted from the first successful delivery, checked against the law. */
  warnings: RuleWarning[];
  forecast: Forecast;
  members: { personId: string; name: string; channels: Partial<Record<string, ChannelState>>; intent: { kind: string; reason: string | null } | null }[];
  channels: string[];
  canManage: boolean;
};

export function summaryText(s: DeliverySummary): Localized {
  const earliest = s.earliest ? { zh: `（最早 ${DAY.format(s.earliest)}）`, en: ` (first ${DAY_EN.format(s.earliest)})` } : { zh: "", en: "" };
  return {
    "zh-CN": `已通知 ${s.notified}/${s.members}${earliest.zh}，已签收 ${s.received}，请假 ${s.leave}`,
    en: `Notified ${s.notified}/${s.members}${earliest.en}, signed for ${s.received}, on leave ${s.leave}`,
  };
}

/** Who sees the delivery log and the forecast: the clerk, the body's chair and recorder, the supervisors. */
async function requireBoardReader(viewer: Viewer, meeting: { orgId: string; bodyId: string }): Promise<boolean> {
  const { prisma } = currentDb();
  const orgRoles = await orgRolesOf(prisma, viewer.id, meeting.orgId);
  const bodyRoles = await bodyRolesOf(prisma, viewer.id, meeting.bodyId);
  if (orgRoles.length === 0 && !bodyRoles.includes("chair") && !bodyRoles.includes("recorder")) {
    throw new AppError("forbidden", "only the clerk, the chair, the recorder and supervisors");
  }
  return orgRoles.includes("admin");
}

export async function deliveryBoard(viewer: Viewer, meetingId: string): Promise<DeliveryBoard> {
  const { prisma } = currentDb();
  const meeting = await prisma.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      orgId: true,
      bodyId: true,
      number: true,
      state: true,
      startsAt: true,
      body: { select: { name: true, kind: true, charter: true, members: { select: { person: { select: { id: true, name: true } } } } } },
    },
  });
  if (!meeting) throw new AppError("not_found", "meeting not found");
  const canManage = await requireBoardReader(viewer, meeting);
  const [rows, intents] = await Promise.all([
    prisma.noticeDelivery.findMany({
      where: { meetingId },
      select: { personId: true, channel: true, status: true, sentAt: true, receivedAt: true, attempts: true, lastError: true },
    }),
    prisma.attendanceIntent.findMany({ where: { meetingId }, select: { personId: true, kind: true, reason: true } }),
  ]);
  const roster = meeting.body.members.map((m) => m.person).sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  const ids = roster.map((p) => p.id);
  const summary = summarizeDelivery(ids, rows, intents);
  const kind = bodyKindOf(meeting.body.kind);
  const charter = charterSchema.safeParse(meeting.body.charter ?? {});
  const quorum = charter.success && charter.data.quorum ? { quorum: charter.data.quorum } : undefined;
  // A delivery after the meeting's date (a meeting left scheduled past its day) counts as no notice period at all.
  const noticeDate = summary.earliest && summary.earliest > meeting.startsAt ? meeting.startsAt : summary.earliest;
  return {
    meetingId,
    orgId: meeting.orgId,
    bodyName: meeting.body.name,
    number: meeting.number,
    state: meeting.state,
    summary,
    summaryText: summaryText(summary),
    warnings: checkNoticePeriod({ body: kind, noticeDate, meetingDate: meeting.startsAt }),
    forecast: forecastQuorum({ body: kind, roster: ids, intents, ...(quorum ? { charter: quorum } : {}) }),
    members: roster.map((person) => ({
      personId: person.id,
      name: person.name,
      channels: Object.fromEntries(
        rows
          .filter((r) => r.personId === person.id)
          .map((r) => [r.channel, { status: r.status, at: r.receivedAt ?? r.sentAt, attempts: r.attempts, error: r.lastError }]),
      ),
      intent: intents.find((i) => i.personId === person.id) ?? null,
    })),
    channels: enabledChannels(activeProviders()),
    canManage,
  };
}

export type MyNotice = {
  isMember: boolean;
  issued: boolean;
  receivedAt: Date | null;
  intent: { kind: string; reason: string | null } | null;
  /** The rule under which online attendance counts here, or null where it does not. */
  onlineRule: string | null;
};

/** For the member's 我的会议: per meeting, whether a notice was issued to them, their receipt and their intent. */
export async function myNotices(accountId: string, meetingIds: string[]): Promise<Map<string, MyNotice>> {
  const { prisma } = currentDb();
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { personId: true } });
  const personId = account?.personId;
  const result = new Map<string, MyNotice>();
  if (!personId || meetingIds.length === 0) return result;
  const ids = meetingIds;
  const [meetings, rows, intents, seats] = await Promise.all([
    prisma.meeting.findMany({ where: { id: { in: ids } }, select: { id: true, form: true, body: { select: { kind: true } } } }),
    prisma.noticeDelivery.findMany({ where: { meetingId: { in: ids }, personId, channel: "in_app" }, select: { meetingId: true, receivedAt: true } }),
    prisma.attendanceIntent.findMany({ where: { meetingId: { in: ids }, personId }, select: { meetingId: true, kind: true, reason: true } }),
    prisma.meeting.findMany({ where: { id: { in: ids }, body: { members: { some: { personId } } } }, select: { id: true } }),
  ]);
  for (const meeting of meetings) {
    const row = rows.find((r) => r.meetingId === meeting.id);
    const intent = intents.find((i) => i.meetingId === meeting.id);
    const rule = ONLINE_ATTENDANCE[bodyKindOf(meeting.body.kind)] ?? null;
    result.set(meeting.id, {
      isMember: seats.some((s) => s.id === meeting.id),
      issued: row !== undefined,
      receivedAt: row?.receivedAt ?? null,
      intent: intent ? { kind: intent.kind, reason: intent.reason } : null,
      onlineRule: rule && meeting.form !== "in_person" ? rule : null,
    });
  }
  return result;
}
