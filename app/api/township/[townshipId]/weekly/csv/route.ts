import { NextResponse } from "next/server";
import { weeklyCsv } from "@/server/queries/townshipWeekly";
import { fileName, refused, weeklyOf } from "../summary";

export const dynamic = "force-dynamic";

/** The weekly summary as CSV (UTF-8 with BOM, so Excel on Chinese Windows opens it): the JSON's rows, one per line. */
export async function GET(request: Request, { params }: { params: Promise<{ townshipId: string }> }) {
  const { townshipId } = await params;
  try {
    const summary = await weeklyOf(request, townshipId);
    return new NextResponse(weeklyCsv(summary), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="township-weekly-${summary.week.start}.csv"; filename*=UTF-8''${encodeURIComponent(fileName(summary, "csv"))}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return refused(error);
  }
}
