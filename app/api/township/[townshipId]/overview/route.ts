import { currentAccount } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";
import { townshipOverview } from "@/server/queries/township";

export const dynamic = "force-dynamic";

/** Read-only JSON for county platforms and scripts: the township's villages, filings and pre-reviews (issue #20). */
export async function GET(_request: Request, { params }: { params: Promise<{ townshipId: string }> }) {
  const { townshipId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return townshipOverview({ id: account.id, name: account.name }, townshipId);
  });
}
