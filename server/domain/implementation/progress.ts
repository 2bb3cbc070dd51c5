/**
 * S6 实施 rules (issue #23), pure: when a milestone is overdue, when spending is over the decided amount, and what a
 * photo's own time and place say about the project it is offered for. Dates are China calendar dates as
 * `YYYY-MM-DD` strings, which compare correctly as text.
 */

export type MilestoneStatus = "done" | "done_late" | "open" | "overdue";

/**
 * A milestone is due on its date: it is overdue from the next day on while nothing reports it reached, and reached
 * late when the report came after that day. `today` is China's date.
 */
export function milestoneStatus(milestone: { dueOn: string; doneOn: string | null }, today: string): MilestoneStatus {
  if (milestone.doneOn !== null) return milestone.doneOn > milestone.dueOn ? "done_late" : "done";
  return today > milestone.dueOn ? "overdue" : "open";
}

export type CapStatus = { capFen: bigint | null; spentFen: bigint; remainingFen: bigint | null; isOver: boolean };

/** Spending up to the decided amount is within it; one fen more is over. No decided amount: never over. */
export function capStatus(capFen: bigint | null, spentFen: bigint): CapStatus {
  if (capFen === null) return { capFen, spentFen, remainingFen: null, isOver: false };
  return { capFen, spentFen, remainingFen: capFen - spentFen, isOver: spentFen > capFen };
}

/** Largest amount accepted: 1,000,000,000.00 yuan, far beyond any village project, well inside a BigInt column. */
export const MAX_FEN = 100_000_000_000n;

/**
 * An amount in yuan as people write it (`12,345.6`, `¥3000`, `3000元`, `１２３`) → fen; null when it is not an amount
 * of money (negative, more than two decimals, letters, too large).
 */
export function parseYuan(text: string): bigint | null {
  const normalized = text
    .normalize("NFKC")
    .replace(/[\s,，]/g, "")
    .replace(/^[¥￥]/, "")
    .replace(/元$/, "");
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(normalized);
  if (!match) return null;
  const fen = BigInt(match[1]) * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
  return fen > MAX_FEN ? null : fen;
}

/** Fen → `12,345.60` (yuan, two decimals, grouped), for notices and tables. */
export function formatYuan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${yuan}.${(abs % 100n).toString().padStart(2, "0")}`;
}

export type PhotoFinding = "no_time" | "before_period" | "after_period" | "no_place" | "far_from_site";

/** A photo taken further than this from the recorded site is flagged: a village's fields stretch a few kilometres. */
export const SITE_RADIUS_KM = 5;

/** Great-circle distance in km (haversine, mean Earth radius). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * What a photo's metadata says against the project: taken (China date) within the plan's period, inclusive of both
 * ends, and near the site where the plan records one. Missing metadata is a finding too — a screenshot or a photo
 * sent through a chat app loses it — shown as such rather than refused.
 */
export function photoFindings(
  photo: { takenOn: string | null; place: { lat: number; lon: number } | null },
  plan: { startsOn: string; endsOn: string; site: { lat: number; lon: number } | null },
): PhotoFinding[] {
  const findings: PhotoFinding[] = [];
  if (photo.takenOn === null) findings.push("no_time");
  else if (photo.takenOn < plan.startsOn) findings.push("before_period");
  else if (photo.takenOn > plan.endsOn) findings.push("after_period");
  if (plan.site) {
    if (photo.place === null) findings.push("no_place");
    else if (distanceKm(photo.place, plan.site) > SITE_RADIUS_KM) findings.push("far_from_site");
  }
  return findings;
}

/**
 * Another photo a new photo is a near-duplicate of: both uses are shown side by side. Within the organization, the
 * other photo's file name; from another village or cooperative of the township (the township's photo index), that
 * organization, its project and the day it was uploaded — the file name stays with its owner (`filename` is empty).
 */
export type DuplicateUse = {
  fileId: string;
  filename: string;
  planId: string;
  matterId: string;
  matterTitle: string;
  distance: number;
  /** Set for a use by another organization of the township. */
  other?: { orgId: string; orgName: string; uploadedAt: string };
};

/** What was found on upload, kept with the photo (EvidenceFile.checks). */
export type EvidenceChecks = { findings: PhotoFinding[]; duplicates: DuplicateUse[] };
