import type { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor } from "@/server/commands/actor";
import { logoutEverywhere } from "@/server/commands/security/revokeSessions";
import { AppError } from "@/server/errors";
import { respond, seeOther } from "@/server/http";

/** 在所有设备上退出. A form post (then back to the login page) or a JSON call. */
export async function POST(request: Request): Promise<NextResponse> {
  const isForm = (request.headers.get("content-type") ?? "").includes("form");
  const account = await currentAccount();
  if (isForm) {
    if (account) await logoutEverywhere({}, accountActor(account.id, account.name));
    const response = seeOther("/login");
    for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token"]) response.cookies.set(name, "", { path: "/", maxAge: 0 });
    return response;
  }
  return respond(async () => {
    if (!account) throw new AppError("unauthenticated", "login required");
    return logoutEverywhere({}, accountActor(account.id, account.name));
  });
}
