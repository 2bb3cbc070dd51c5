import { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { AppError, isAppError } from "@/server/errors";
import { siteOrigin } from "@/server/notice/links";
import { townshipFilters } from "@/server/queries/township";
import { townshipWeekly, type WeeklySummary } from "@/server/queries/townshipWeekly";

/**
 * The weekly summary a request asks for (issue #20 item 5): `week=YYYY-MM-DD` (any day of the week; default the last
 * full week, China time), the dashboard's filters (village, stage, kind, level, code) and `lang=zh-CN|en`. The JSON,
 * CSV and PDF routes all read it here, so they carry the same rows.
 */
export async function weeklyOf(request: Request, townshipId: string): Promise<WeeklySummary> {
  const account = await currentAccount();
  if (!account) throw new AppError("unauthenticated", "login required");
  const query = new URL(request.url).searchParams;
  return townshipWeekly({ id: account.id, name: account.name }, townshipId, {
    week: query.get("week"),
    filters: townshipFilters(query),
    language: query.get("lang") === "en" ? "en" : "zh-CN",
    origin: siteOrigin(request.headers),
  });
}

/** A refusal as JSON with the error's status (a file route has no page to show it on). */
export function refused(error: unknown): NextResponse {
  const code = isAppError(error) ? error.code : "internal";
  const status = { unauthenticated: 401, forbidden: 403, not_found: 404 }[code as string] ?? 500;
  return NextResponse.json({ ok: false, error: { code, message: isAppError(error) ? error.message : "internal error" } }, { status });
}

/** `大沥镇（演示）周报 2026-11-23.csv`, for the download name (the browser still opens PDFs inline). */
export function fileName(summary: WeeklySummary, extension: string): string {
  return `${summary.township.name}周报${summary.week.start}.${extension}`;
}
