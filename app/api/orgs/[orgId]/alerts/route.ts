import { currentAccount } from "@/server/auth/session";
import { respond } from "@/server/http";
import { compliancePage } from "@/server/queries/alerts";

export const dynamic = "force-dynamic";

/** GET /api/orgs/:orgId/alerts — the organization's alerts (issue #20 item 4) as JSON: its admin and supervisors. */
export async function GET(_request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    return compliancePage(account ? { id: account.id, name: account.name } : null, orgId);
  });
}
