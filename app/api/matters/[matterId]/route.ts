import { currentAccount } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";
import { matterDetail } from "@/server/queries/matters";

export const dynamic = "force-dynamic";

/**
 * GET /api/matters/:matterId — a matter as its page shows it: for its organization's people, admins and supervisors,
 * and the staff of the township above (issue #20), read-only; never another township or village.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ matterId: string }> }) {
  const { matterId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return matterDetail({ id: account.id, name: account.name }, matterId);
  });
}
