import { currentAccount } from "@/server/auth/session";
import { updateOrganization } from "@/server/commands/org/updateOrganization";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";
import { adminOrgSummary } from "@/server/queries/adminOrgs";
import { writeRoute } from "@/server/web/writeRoute";

export const dynamic = "force-dynamic";

/** An organization at a glance, for its admins: counts and the size of its audit log. */
export async function GET(_request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return adminOrgSummary(account, orgId);
  });
}

/** Name and notice period (公示期) of the organization. */
export const POST = writeRoute({ command: updateOrganization, params: ["orgId"], form: (f) => ({ name: f.str("name"), noticeDays: f.int("noticeDays") }) });
