import { currentAccount } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";
import { townshipFilters, townshipOverview } from "@/server/queries/township";

export const dynamic = "force-dynamic";

/**
 * Read-only JSON for county platforms and scripts (issue #20): the township's villages with alert counts, the alerts
 * (filters: village, level red|yellow|green, code, from/to YYYY-MM-DD), filings and pre-reviews waiting.
 */
export async function GET(request: Request, { params }: { params: Promise<{ townshipId: string }> }) {
  const { townshipId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return townshipOverview({ id: account.id, name: account.name }, townshipId, townshipFilters(new URL(request.url).searchParams));
  });
}
