/**
 * A township's settings (issue #20), pure: which matters need its legality pre-review (合法性预审) before their
 * 决议 vote. The defaults are the issue's: land matters, charter changes, and collective assets or funds at or above
 * an amount the township sets. Stored per township (Organization.townshipSettings); a missing or partial value falls
 * back to these defaults, never to "no pre-review".
 */
import { type AlertSettings, alertSettings } from "../alerts";
import { MATTER_KINDS, type MatterKind } from "../rules/types";

/** Land (土地承包方案, 调整, 对外发包, 宅基地/建设用地, 征地补偿) and charter changes (章程). */
export const DEFAULT_PRE_REVIEW_KINDS: readonly MatterKind[] = [
  "land-contract-plan",
  "land-adjustment",
  "land-contract-outsider",
  "construction-land",
  "land-compensation",
  "charter",
];

/** 集体资产、资金 at or above this many yuan need pre-review unless the township sets another amount. */
export const DEFAULT_PRE_REVIEW_AMOUNT_YUAN = 100_000;

export const PRE_REVIEW_AMOUNT_MAX = 1_000_000_000_000;

/** The alerts' thresholds (server/domain/alerts) are the township's too, each defaulting to the law. */
export type TownshipSettings = { preReviewKinds: MatterKind[]; preReviewAmountYuan: number; alerts: AlertSettings };

const isMatterKind = (value: unknown): value is MatterKind => (MATTER_KINDS as readonly unknown[]).includes(value);
const isAmount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= PRE_REVIEW_AMOUNT_MAX;

export const DEFAULT_TOWNSHIP_SETTINGS: TownshipSettings = {
  preReviewKinds: [...DEFAULT_PRE_REVIEW_KINDS],
  preReviewAmountYuan: DEFAULT_PRE_REVIEW_AMOUNT_YUAN,
  alerts: alertSettings().settings,
};

/** The stored JSON as settings: each field that is missing or malformed takes its default. */
export function readTownshipSettings(stored: unknown): TownshipSettings {
  const value = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>) : {};
  const kinds = value.preReviewKinds;
  const validKinds = Array.isArray(kinds) && kinds.every(isMatterKind);
  return {
    preReviewKinds: validKinds ? [...new Set(kinds as MatterKind[])] : [...DEFAULT_PRE_REVIEW_KINDS],
    preReviewAmountYuan: isAmount(value.preReviewAmountYuan) ? value.preReviewAmountYuan : DEFAULT_PRE_REVIEW_AMOUNT_YUAN,
    alerts: storedAlertSettings(value.alerts),
  };
}

/** Stored alert thresholds: each number within the alerts' limits is kept, anything else takes the law's default. */
function storedAlertSettings(stored: unknown): AlertSettings {
  const value = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>) : {};
  const defaults = alertSettings().settings;
  const kept: Partial<AlertSettings> = {};
  for (const key of Object.keys(defaults) as (keyof AlertSettings)[]) {
    const candidate = value[key];
    if (typeof candidate === "number" && alertSettings({ [key]: candidate }).problems.length === 0) kept[key] = candidate;
  }
  return alertSettings(kept).settings;
}

export type PreReviewNeed = { required: false } | { required: true; because: "kind" | "amount" };

/** Does this matter need the township's pre-review before its 决议 vote? */
export function preReviewNeed(settings: TownshipSettings, matter: { kind: string; amountYuan: number | null }): PreReviewNeed {
  if ((settings.preReviewKinds as readonly string[]).includes(matter.kind)) return { required: true, because: "kind" };
  if (matter.amountYuan !== null && matter.amountYuan >= settings.preReviewAmountYuan) return { required: true, because: "amount" };
  return { required: false };
}

export type PreReviewState = "requested" | "approved" | "returned";

/** The latest pre-review decides: only an approval that no later request or return replaced lets the vote open. */
export function isPreReviewApproved(reviews: readonly { state: string; requestedAt: Date }[]): boolean {
  const latest = [...reviews].sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime())[0];
  return latest?.state === "approved";
}
