/**
 * Default alert thresholds, each from the law where the law sets a number and otherwise from what Yishi already
 * tells residents or common practice; a township may set its own (AlertSettings). Pure.
 */
import { REPLY_DAYS_DEFAULT } from "./law";
import type { AlertSettings } from "./types";

export const DEFAULT_ALERT_SETTINGS: Readonly<AlertSettings> = Object.freeze({
  // VCOL 30 (2018), unchanged in substance in the 2025 text: matters of villagers' interest are disclosed 随时 (at
  // once). The law names no number of days; five days leaves room for a weekend and the posting itself.
  decisionDisclosureWithinDays: 5,
  // The law sets no 公示 period; Shandong's village-affairs regulation uses 5 days, Yishi's default is 7.
  minNoticePeriodDays: 5,
  // Every Yishi notice states that supervisors answer within this many days after the window closes.
  objectionAnswerDays: REPLY_DAYS_DEFAULT,
  // The minutes are part of the village archive (VCOL 34 (2018)); a week to sign them is common practice.
  minutesSignedWithinDays: 7,
  // 实施结果公开 after implementation: a quarter, the law's longest disclosure interval (VCOL 30: 至少每季度).
  resultDisclosureWithinDays: 90,
  repeatedRecusalCount: 3,
  repeatedProxyCount: 3,
  patternWindowDays: 365,
  checkpointWithinHours: 24,
  upcomingNoticeLookaheadDays: 30,
});

const LIMITS: Record<keyof AlertSettings, [number, number]> = {
  decisionDisclosureWithinDays: [1, 90],
  minNoticePeriodDays: [1, 60],
  objectionAnswerDays: [1, 90],
  minutesSignedWithinDays: [1, 90],
  resultDisclosureWithinDays: [1, 730],
  repeatedRecusalCount: [2, 100],
  repeatedProxyCount: [2, 100],
  patternWindowDays: [30, 3650],
  checkpointWithinHours: [1, 720],
  upcomingNoticeLookaheadDays: [1, 365],
};

export type AlertSettingsProblem = { field: keyof AlertSettings; min: number; max: number };

/** The settings a township stored, over the defaults; out-of-range numbers are reported, never silently clamped. */
export function alertSettings(overrides: Partial<AlertSettings> = {}): { settings: AlertSettings; problems: AlertSettingsProblem[] } {
  const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS };
  const problems: AlertSettingsProblem[] = [];
  for (const field of Object.keys(LIMITS) as (keyof AlertSettings)[]) {
    const value = overrides[field];
    if (value === undefined) continue;
    const [min, max] = LIMITS[field];
    if (!Number.isSafeInteger(value) || value < min || value > max) problems.push({ field, min, max });
    else settings[field] = value;
  }
  return { settings, problems };
}
