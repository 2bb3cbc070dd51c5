import { currentAccount } from "@/server/auth/session";
import { resetPassword } from "@/server/commands/account/resetPassword";
import { accountActor } from "@/server/commands/actor";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";

/** An admin resets a member's forgotten password: answers the one new login code to hand to the member. */
export async function POST(_request: Request, { params }: { params: Promise<{ orgId: string; accountId: string }> }) {
  const { orgId, accountId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return resetPassword({ orgId, accountId }, accountActor(account.id, account.name));
  });
}
