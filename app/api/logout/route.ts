import type { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor } from "@/server/commands/actor";
import { logoutEverywhere } from "@/server/commands/security/revokeSessions";
import { seeOther } from "@/server/http";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Ends this browser's session (a form post, so it works without JavaScript). Clearing the cookie alone would leave a
 * copied token valid for up to 12 hours (issue #17): the session is revoked on the server too, with the account's
 * token version, which ends the account's other sessions as well (SECURITY.md).
 */
export async function POST(): Promise<NextResponse> {
  const account = await currentAccount();
  if (account) await logoutEverywhere({}, accountActor(account.id, account.name));
  const response = seeOther("/login");
  for (const name of SESSION_COOKIES) response.cookies.set(name, "", { path: "/", maxAge: 0 });
  return response;
}
