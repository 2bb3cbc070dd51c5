import { currentAccount } from "@/server/auth/session";
import { createPerson } from "@/server/commands/org/createPerson";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";
import { adminPeople } from "@/server/queries/adminPeople";
import { writeRoute } from "@/server/web/writeRoute";
import { personFromForm } from "../../../personForm";

type Context = { params: Promise<{ orgId: string }> };

export const dynamic = "force-dynamic";

/** The register with phones in full: admins of this organization only. */
export async function GET(_request: Request, { params }: Context) {
  const { orgId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return adminPeople(account, orgId);
  });
}

export const POST = writeRoute({ command: createPerson, params: ["orgId"], form: (f) => personFromForm(f, false) });
