import { currentAccount } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";
import { pageOf, townshipFilters, townshipOverview } from "@/server/queries/township";

export const dynamic = "force-dynamic";

/**
 * Read-only JSON for county platforms and scripts (issue #20): the township's villages with alert counts, the alerts
 * (filters: village, stage, kind, level red|yellow|green, code, from/to YYYY-MM-DD, matter=none; 100 a page, `page=N`),
 * filings and pre-reviews waiting.
 */
export async function GET(request: Request, { params }: { params: Promise<{ townshipId: string }> }) {
  const { townshipId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    const params = new URL(request.url).searchParams;
    return townshipOverview({ id: account.id, name: account.name }, townshipId, townshipFilters(params), { page: pageOf(params.get("page")) });
  });
}
