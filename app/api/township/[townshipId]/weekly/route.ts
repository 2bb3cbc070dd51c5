import { respond } from "@/server/http";
import { weeklyOf } from "./summary";

export const dynamic = "force-dynamic";

/**
 * The township's weekly summary as JSON for county platforms (issue #20 item 5): the same rows as the CSV and the PDF
 * (docs/township-export.md), with the dashboard's filters and `week=YYYY-MM-DD`. Read-only; the township's staff only.
 */
export async function GET(request: Request, { params }: { params: Promise<{ townshipId: string }> }) {
  const { townshipId } = await params;
  return respond(() => weeklyOf(request, townshipId));
}
