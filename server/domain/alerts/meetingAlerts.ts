/**
 * Alerts about meetings (issue #20 item 4): the procedure warnings the meeting recorded when it opened and when
 * votes opened — taken as recorded, never recomputed —, a vote whose recorded result lacks a quorum, minutes not
 * signed in time, no checkpoint after adjourning, and (issue #22) an upcoming meeting whose notice is or will be too
 * short. Pure: facts, settings and `now` in; alerts out.
 */
import { checkNoticePeriod, type Localized, shanghaiDate } from "../rules";
import type { MeetingFact, QuorumFact, RecordedWarning } from "./facts";
import { joinBasis, vcolText } from "./law";
import { type AlertClock, addDays, makeAlert, meetingName, nextChinaMidnight } from "./make";
import type { Alert, AlertCode, AlertLevel, AlertSettings } from "./types";

type WarningMapping = { code: AlertCode; level: AlertLevel; rule: Localized };

const NOTICE_RULE: Localized = {
  "zh-CN": "会议须按法律或章程规定的天数提前通知",
  en: "A meeting must be notified the number of days ahead that the law or the charter requires",
};

/** How each recorded warning reads as an alert. Unknown codes (recorded by later versions) stay visible as yellow. */
const RECORDED: Record<string, WarningMapping> = {
  notice_too_short: { code: "notice_too_short", level: "red", rule: NOTICE_RULE },
  notice_after_meeting: { code: "notice_too_short", level: "red", rule: NOTICE_RULE },
  notice_missing: {
    code: "notice_missing",
    level: "yellow",
    rule: { "zh-CN": "会议通知的日期须有记录，以证明通知期", en: "The date of the notice must be on record to prove the notice period" },
  },
  meeting_date_differs: {
    code: "meeting_date_differs",
    level: "red",
    rule: { "zh-CN": "会议须在通知的日期召开", en: "A meeting is held on the day its notice announced" },
  },
  body_not_competent: {
    code: "body_not_competent",
    level: "red",
    rule: { "zh-CN": "事项须由法律规定的议事主体按该事项的规则决定", en: "A matter is decided by the body the law names, under the matter's own rule" },
  },
  stage_incomplete: {
    code: "stage_incomplete",
    level: "red",
    rule: { "zh-CN": "“四议两公开”须依次进行：提议、商议、审议、决议", en: "The four deliberations follow in order: proposal, consultation, review, decision" },
  },
};

const GENERIC: WarningMapping = {
  code: "procedure_warning",
  level: "yellow",
  rule: { "zh-CN": "会议记录的程序提示", en: "A procedure warning recorded with the meeting" },
};

function fromWarning(orgId: string, meeting: MeetingFact, warning: RecordedWarning): Alert {
  const mapping = RECORDED[warning.code] ?? GENERIC;
  const name = meetingName(meeting);
  const evidence = warning.motionId
    ? { href: `/supervise/${orgId}/decisions/${warning.motionId}`, label: { "zh-CN": "表决证据页", en: "the vote's evidence page" } }
    : { href: `/meetings/${meeting.id}`, label: { "zh-CN": "会议页", en: "the meeting page" } };
  return makeAlert({
    level: mapping.level,
    scope: "meeting",
    code: mapping.code,
    message: { "zh-CN": `${name["zh-CN"]}：${warning.message["zh-CN"]}`, en: `${name.en}: ${warning.message.en}` },
    rule: mapping.rule,
    legalBasis: warning.legalBasis,
    evidence,
    subject: { orgId, meetingId: meeting.id, ...(warning.motionId ? { motionId: warning.motionId } : {}) },
    occurredAt: new Date(warning.at),
  });
}

/** Upcoming meetings (issue #22): notice given too late, or not yet given when the last day for it has passed. */
function upcomingNotice(orgId: string, meeting: MeetingFact, settings: AlertSettings, clock: AlertClock): Alert[] {
  const now = clock.now;
  if (meeting.state !== "scheduled" || clock.reached(meeting.startsAt)) return [];
  // The meeting enters the look-ahead window `upcomingNoticeLookaheadDays` before it starts.
  if (!clock.reached(addDays(meeting.startsAt, -settings.upcomingNoticeLookaheadDays))) return [];
  // As if notified today where nothing went out yet: if even that is too short, the meeting must move. Such an
  // alert reads today's date, so it may change at the next midnight in China.
  if (meeting.noticeGivenAt === null) clock.watch(nextChinaMidnight(now));
  const noticeDate = meeting.noticeGivenAt ?? now;
  const warnings = checkNoticePeriod({
    body: meeting.bodyKind,
    noticeDate,
    meetingDate: meeting.startsAt,
    ...(meeting.charterNoticeDays !== undefined ? { charterDays: meeting.charterNoticeDays } : {}),
  }).filter((w) => w.code === "notice_too_short");
  const name = meetingName(meeting);
  return warnings.map((w) =>
    makeAlert({
      level: "yellow",
      scope: "meeting",
      code: "notice_short_upcoming",
      message:
        meeting.noticeGivenAt === null
          ? {
              "zh-CN": `${name["zh-CN"]}定于${shanghaiDate(meeting.startsAt)}召开，至今未通知任何成员，即使今天通知也不足法定通知期：请改期或说明。${w.message["zh-CN"]}`,
              en: `${name.en} is set for ${shanghaiDate(meeting.startsAt)} and no member has been notified yet; even a notice today is too short. Move the meeting or record why. ${w.message.en}`,
            }
          : {
              "zh-CN": `${name["zh-CN"]}定于${shanghaiDate(meeting.startsAt)}召开，首次送达通知在${shanghaiDate(meeting.noticeGivenAt)}：${w.message["zh-CN"]}`,
              en: `${name.en} is set for ${shanghaiDate(meeting.startsAt)}; the notice first reached a member on ${shanghaiDate(meeting.noticeGivenAt)}: ${w.message.en}`,
            },
      rule: NOTICE_RULE,
      legalBasis: w.legalBasis,
      evidence: { href: `/meetings/${meeting.id}/notice`, label: { "zh-CN": "会议通知及送达记录", en: "the notice and its delivery log" } },
      subject: { orgId, meetingId: meeting.id },
      occurredAt: meeting.noticeGivenAt ?? now,
      dueAt: meeting.startsAt,
    }),
  );
}

function minutesUnsigned(orgId: string, meeting: MeetingFact, settings: AlertSettings, clock: AlertClock): Alert[] {
  if (meeting.state !== "adjourned" || meeting.adjournedAt === null) return [];
  const due = addDays(meeting.adjournedAt, settings.minutesSignedWithinDays);
  if (!clock.reached(due)) return [];
  const name = meetingName(meeting);
  const n = settings.minutesSignedWithinDays;
  return [
    makeAlert({
      level: "yellow",
      scope: "meeting",
      code: "minutes_unsigned",
      message: {
        "zh-CN": `${name["zh-CN"]}已于${shanghaiDate(meeting.adjournedAt)}闭会，会议记录至今未完成签名（应于${shanghaiDate(due)}前）。`,
        en: `${name.en} adjourned on ${shanghaiDate(meeting.adjournedAt)}; its minutes are still not signed (due by ${shanghaiDate(due)}).`,
      },
      rule: {
        "zh-CN": `会议记录须在闭会后${n}日内签名归档（镇街设定）`,
        en: `Minutes are signed and archived within ${n} days of adjourning (the township's setting)`,
      },
      legalBasis: vcolText("archive", meeting.adjournedAt),
      evidence: { href: `/meetings/${meeting.id}/minutes`, label: { "zh-CN": "会议记录", en: "the minutes" } },
      subject: { orgId, meetingId: meeting.id },
      occurredAt: meeting.adjournedAt,
      dueAt: due,
    }),
  ];
}

function noCheckpoint(orgId: string, meeting: MeetingFact, checkpointSize: number, settings: AlertSettings, clock: AlertClock): Alert[] {
  if (meeting.adjournedAt === null || meeting.lastAuditSeq === null) return [];
  if (meeting.lastAuditSeq < checkpointSize) return [];
  const due = new Date(meeting.adjournedAt.getTime() + settings.checkpointWithinHours * 3_600_000);
  if (!clock.reached(due)) return [];
  const name = meetingName(meeting);
  return [
    makeAlert({
      level: "yellow",
      scope: "meeting",
      code: "no_checkpoint_after_adjourning",
      message: {
        "zh-CN": `${name["zh-CN"]}闭会后，审计日志没有签名检查点覆盖本次会议的记录（共至第${meeting.lastAuditSeq + 1}条）。`,
        en: `Since ${name.en} adjourned, no signed checkpoint of the audit log covers its record (up to entry ${meeting.lastAuditSeq + 1}).`,
      },
      rule: {
        "zh-CN": `闭会后${settings.checkpointWithinHours}小时内，签名检查点须覆盖会议的全部审计记录，使档案可离线核验`,
        en: `Within ${settings.checkpointWithinHours} hours of adjourning, a signed checkpoint covers the meeting's whole audit record, so the archive verifies offline`,
      },
      legalBasis: vcolText("archive", meeting.adjournedAt),
      evidence: { href: `/supervise/${orgId}/checkpoint`, label: { "zh-CN": "最新检查点", en: "the latest checkpoint" } },
      subject: { orgId, meetingId: meeting.id },
      occurredAt: meeting.adjournedAt,
      dueAt: due,
    }),
  ];
}

function quorumFailed(orgId: string, fact: QuorumFact): Alert {
  const name = meetingName(fact.meeting);
  const counts = fact.present !== null && fact.quorumRequired !== null;
  // The vote's recorded result: its explanation and legal basis as announced, never recomputed.
  return makeAlert({
    level: "red",
    scope: "meeting",
    code: "quorum_failed",
    message: {
      "zh-CN": `${name["zh-CN"]}对「${fact.text}」表决时未达到法定人数${counts ? `（实到${fact.present}，须${fact.quorumRequired}）` : ""}：表决无效，事项须另行召开会议决定。${fact.explanation["zh-CN"]}`,
      en: `${name.en} voted on “${fact.text}” without a quorum${counts ? ` (${fact.present} present, ${fact.quorumRequired} needed)` : ""}: the vote decides nothing; the matter needs another meeting. ${fact.explanation.en}`,
    },
    rule: { "zh-CN": "会议须达到法定人数方可表决", en: "A meeting votes only with a quorum present" },
    legalBasis: joinBasis(fact.legalBasis),
    evidence: { href: `/supervise/${orgId}/decisions/${fact.motionId}`, label: { "zh-CN": "表决证据页", en: "the vote's evidence page" } },
    subject: { orgId, meetingId: fact.meeting.id, motionId: fact.motionId },
    occurredAt: fact.closedAt,
  });
}

export function meetingAlerts(
  orgId: string,
  meetings: readonly MeetingFact[],
  quorum: readonly QuorumFact[],
  checkpointSize: number,
  settings: AlertSettings,
  clock: AlertClock,
): Alert[] {
  const alerts: Alert[] = [];
  for (const meeting of meetings) {
    const seen = new Set<string>();
    for (const warning of meeting.warnings) {
      const alert = fromWarning(orgId, meeting, warning);
      // One alert per rule and subject: a warning recorded again (a second vote on the item) says nothing new.
      if (seen.has(alert.id)) continue;
      seen.add(alert.id);
      alerts.push(alert);
    }
    alerts.push(...upcomingNotice(orgId, meeting, settings, clock));
    alerts.push(...minutesUnsigned(orgId, meeting, settings, clock));
    alerts.push(...noCheckpoint(orgId, meeting, checkpointSize, settings, clock));
  }
  for (const fact of quorum) alerts.push(quorumFailed(orgId, fact));
  return alerts;
}
