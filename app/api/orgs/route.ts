import { currentAccount } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";
import { myOrganizations } from "@/server/queries/myOrganizations";

export const dynamic = "force-dynamic";

export function GET() {
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return myOrganizations(account.id);
  });
}
