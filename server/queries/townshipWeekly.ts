/**
 * The township's weekly summary (周报, issue #20 item 5): the alerts whose facts happened in one week (Monday to
 * Sunday, China time), computed as of the end of that week, with the dashboard's filters. The printable page, the
 * PDF, the CSV and the JSON all carry exactly these rows; docs/township-export.md documents every column.
 */
import type { AlertCode, AlertLevel } from "../domain/alerts";
import { type MatterStage, STAGE_INFO, stageLabel } from "../domain/matter";
import { MATTER_RULES, type MatterKind } from "../domain/rules";
import { chinaDateInput, chinaDayNumber, chinaDayStart, DAY_MS } from "../time";
import type { Viewer } from "./access";
import {
  byLevelThenDate,
  currentTownshipAlerts,
  passesFilters,
  requireTownshipViewer,
  type TownshipFilters,
  type TownshipRole,
  townshipAlerts,
  townshipTree,
} from "./townshipAlerts";

export type WeeklyLanguage = "zh-CN" | "en";

/** One row of the summary; the CSV's columns, in this order, and the JSON's `rows` (docs/township-export.md). */
export type WeeklyRow = {
  week_start: string;
  village: string;
  organization: string;
  level: AlertLevel;
  code: AlertCode;
  message: string;
  rule: string;
  legal_basis: string;
  occurred_on: string;
  due_on: string;
  matter_id: string;
  matter_title: string;
  matter_stage: MatterStage | "";
  matter_stage_name: string;
  matter_kind: MatterKind | "";
  matter_kind_name: string;
  evidence_url: string;
  alert_id: string;
};

export const WEEKLY_COLUMNS: readonly (keyof WeeklyRow)[] = [
  "week_start",
  "village",
  "organization",
  "level",
  "code",
  "message",
  "rule",
  "legal_basis",
  "occurred_on",
  "due_on",
  "matter_id",
  "matter_title",
  "matter_stage",
  "matter_stage_name",
  "matter_kind",
  "matter_kind_name",
  "evidence_url",
  "alert_id",
];

export type WeeklySummary = {
  township: { id: string; name: string };
  roles: TownshipRole[];
  /** Monday and Sunday of the week (`YYYY-MM-DD`, China), and the previous and next weeks' Mondays for links. */
  week: { start: string; end: string; previous: string; next: string | null };
  /** The instant the alerts were computed for: the end of the week, or now while the week is not over. */
  computedAt: string;
  language: WeeklyLanguage;
  filters: TownshipFilters;
  /** Every village with its rows by colour (zero when it has none). */
  villages: { id: string; name: string; red: number; yellow: number; green: number }[];
  rows: WeeklyRow[];
};

/** Monday (`YYYY-MM-DD`, China) of the week that contains the day; days are numbered from Thursday 1970-01-01. */
export function mondayOf(day: string): string {
  const number = chinaDayNumber(chinaDayStart(day));
  const monday = number - ((number + 3) % 7);
  return chinaDateInput(monday * DAY_MS);
}

/** The Monday of the last full week before `now` (China time): the default week of the summary. */
export function lastFullWeek(now: Date): string {
  const thisMonday = mondayOf(chinaDateInput(now));
  return chinaDateInput(chinaDayStart(thisMonday).getTime() - 7 * DAY_MS);
}

/** `week=YYYY-MM-DD` (any day of the week) from a query, or the last full week. */
export function weekOf(value: string | string[] | null | undefined, now: Date): string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(chinaDayStart(value).getTime()) ? mondayOf(value) : lastFullWeek(now);
}

export async function townshipWeekly(
  viewer: Viewer,
  townshipId: string,
  options: { week?: string | null; filters?: TownshipFilters; language?: WeeklyLanguage; origin?: string; now?: Date } = {},
): Promise<WeeklySummary> {
  const roles = await requireTownshipViewer(viewer, townshipId);
  const now = options.now ?? new Date();
  const language = options.language ?? "zh-CN";
  const start = weekOf(options.week, now);
  const startAt = chinaDayStart(start);
  const endAt = new Date(startAt.getTime() + 7 * DAY_MS);
  const end = chinaDateInput(endAt.getTime() - DAY_MS);
  const computedAt = endAt < now ? endAt : now;
  // The week replaces the date filters: the rows are the alerts whose facts happened from Monday to Sunday.
  const { from: _from, to: _to, ...rest } = options.filters ?? {};
  const filters: TownshipFilters = { ...rest, from: start, to: end };
  const tree = await townshipTree(townshipId);
  // The week still running is read from the stored alerts (alertStore.ts); a past week is computed afresh as of its
  // last moment, with today's thresholds.
  const alerts =
    computedAt === now
      ? (await currentTownshipAlerts(tree, filters, { now })).alerts
      : (await townshipAlerts(tree, computedAt)).filter((a) => passesFilters(a, filters)).sort(byLevelThenDate);
  const origin = options.origin ?? "";
  const rows: WeeklyRow[] = alerts.map((a) => ({
    week_start: start,
    village: a.villageName,
    organization: a.orgName,
    level: a.level,
    code: a.code,
    message: a.message[language],
    rule: a.rule[language],
    legal_basis: a.legalBasis,
    occurred_on: a.occurredOn,
    due_on: a.dueOn ?? "",
    matter_id: a.matter?.id ?? "",
    matter_title: a.matter?.title ?? "",
    matter_stage: a.matter?.stage ?? "",
    matter_stage_name: a.matter && a.matter.stage in STAGE_INFO ? stageLabel(a.matter.stage, language) : "",
    matter_kind: a.matter?.kind ?? "",
    matter_kind_name: a.matter ? (MATTER_RULES[a.matter.kind]?.name[language] ?? a.matter.kind) : "",
    evidence_url: `${origin}${a.evidence.href}`,
    alert_id: a.id,
  }));
  const villages = tree.villages
    .filter((v) => !filters.village || v.id === filters.village)
    .map((v) => {
      const own = alerts.filter((a) => a.villageId === v.id);
      return {
        id: v.id,
        name: v.name,
        red: own.filter((a) => a.level === "red").length,
        yellow: own.filter((a) => a.level === "yellow").length,
        green: own.filter((a) => a.level === "green").length,
      };
    });
  const nextMonday = chinaDateInput(endAt);
  return {
    township: { id: tree.id, name: tree.name },
    roles,
    week: {
      start,
      end,
      previous: chinaDateInput(startAt.getTime() - 7 * DAY_MS),
      next: endAt <= now ? nextMonday : null,
    },
    computedAt: computedAt.toISOString(),
    language,
    filters: rest,
    villages,
    rows,
  };
}

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The rows as CSV: UTF-8 with a byte-order mark (Excel on Chinese Windows reads it as UTF-8), CRLF, a header row. */
export function weeklyCsv(summary: WeeklySummary): string {
  const lines = [WEEKLY_COLUMNS.join(","), ...summary.rows.map((row) => WEEKLY_COLUMNS.map((column) => csvCell(String(row[column]))).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
