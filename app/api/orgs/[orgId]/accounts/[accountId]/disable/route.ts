import { currentAccount } from "@/server/auth/session";
import { accountActor } from "@/server/commands/actor";
import { setAccountDisabled } from "@/server/commands/security/revokeSessions";
import { AppError } from "@/server/errors";
import { readJsonObject, respond } from "@/server/http";

/** An admin disables or re-enables an account of their organization: body { disabled: boolean }. */
export async function POST(request: Request, { params }: { params: Promise<{ orgId: string; accountId: string }> }) {
  const { orgId, accountId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    const body = await readJsonObject(request);
    return setAccountDisabled({ orgId, accountId, disabled: body.disabled }, accountActor(account.id, account.name));
  });
}
