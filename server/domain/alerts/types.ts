/**
 * Alerts (红/黄/绿, issue #20 item 4): what a township — and the village's own admin and supervisors — should look
 * at, computed from what the village already recorded (meetings, votes, matters, notices, objections, the audit
 * log). Nothing is typed twice: a procedure warning recorded when a meeting opened becomes an alert as recorded.
 *
 * - red: a rule of law was not kept (a decision may be void or must be redone);
 * - yellow: a duty is late or a pattern needs a look (nothing is void yet, but someone must act);
 * - green: a departure from the usual path that the record explains (e.g. stages held on paper before Yishi).
 */
import type { Localized } from "../rules";

export const ALERT_LEVELS = ["red", "yellow", "green"] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const ALERT_SCOPES = ["matter", "meeting", "village"] as const;
export type AlertScope = (typeof ALERT_SCOPES)[number];

export const ALERT_CODES = [
  "notice_too_short",
  "notice_missing",
  "notice_short_upcoming",
  "meeting_date_differs",
  "body_not_competent",
  "stage_incomplete",
  "procedure_warning",
  "stage_skipped",
  "stages_off_record",
  "quorum_failed",
  "decision_not_disclosed",
  "decision_disclosed_late",
  "notice_period_cut_short",
  "notice_period_too_short",
  "objection_unanswered",
  "minutes_unsigned",
  "result_not_disclosed",
  "household_recused_repeatedly",
  "household_proxy_repeatedly",
  "no_checkpoint_after_adjourning",
  "witness_split_view",
  "photo_reused_in_township",
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

/** The records an alert is about; the evidence page shows them. */
export type AlertSubject = {
  orgId: string;
  matterId?: string;
  meetingId?: string;
  motionId?: string;
  noticeId?: string;
  objectionId?: string;
  householdId?: string;
  /** An implementation photo (issue #23). */
  fileId?: string;
};

export type Alert = {
  /** Stable for the same facts: the same alert computed twice has the same id (lists, links, dedup). */
  id: string;
  level: AlertLevel;
  scope: AlertScope;
  code: AlertCode;
  /** What happened, in words, with the names and dates of the record. */
  message: Localized;
  /** The rule that was not kept, in words (with the threshold used). */
  rule: Localized;
  /** The legal basis as the rules engine writes it ("村民委员会组织法（2025年修正）第二十五条"), in the edition in force. */
  legalBasis: string;
  /** An existing page that shows the evidence. */
  evidence: { href: string; label: Localized };
  subject: AlertSubject;
  /** When it happened ("YYYY-MM-DD", China), and the day a duty fell due where there is one. */
  occurredOn: string;
  dueOn?: string;
};

/**
 * Thresholds a township sets for its villages (issue #20: "Thresholds are the township's settings, defaulting to
 * the law"). Where the law fixes no number, the default is the one Yishi already states to residents, or common
 * practice, and the alert's rule says it is the township's setting.
 */
export type AlertSettings = {
  /** Days after a decision by which its 决议公开 must be posted. VCOL 30 (2018) / 2025 text: major matters 随时公布. */
  decisionDisclosureWithinDays: number;
  /** Shortest 公示 period a township accepts (Organization.noticeDays defaults to 7; Shandong's regulation uses 5). */
  minNoticePeriodDays: number;
  /** Days after a notice's objection window closes by which supervisors answer (server/notice/period REPLY_DAYS). */
  objectionAnswerDays: number;
  /** Days after adjourning by which the minutes are signed (会议记录 belongs in the 村务档案, VCOL 38 (2018)). */
  minutesSignedWithinDays: number;
  /** Days after implementation began by which its result is disclosed (实施结果公开, RULES.md §4 S7). */
  resultDisclosureWithinDays: number;
  /** How many recusals (or proxies) of one household within `patternWindowDays` make a pattern to look at. */
  repeatedRecusalCount: number;
  repeatedProxyCount: number;
  patternWindowDays: number;
  /** Hours after adjourning by which a signed checkpoint must cover the meeting's record. */
  checkpointWithinHours: number;
  /** Days ahead in which upcoming meetings are checked for a notice that will be too short (issue #22). */
  upcomingNoticeLookaheadDays: number;
};
