import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor } from "@/server/commands/actor";
import { issueSignCode } from "@/server/commands/proposal/issueSignCode";
import { AppError, isAppError } from "@/server/errors";
import { isJsonRequest, readForm, readJsonObject, respond, seeOther } from "@/server/http";
import { withQuery } from "../../../admin/post";
import { SIGN_CODE_SLIP_COOKIE } from "@/app/proposals/[orgId]/slip";

/**
 * The clerk issues a one-time co-signing code (联名码) for a resident they have identified in person. JSON gets the
 * code back; a plain form comes back to the proposals page, which shows the code once on a printable slip: the code
 * travels in a short-lived cookie for that page only, never in a URL or a log.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ proposalId: string }> }) {
  const { proposalId } = await params;
  const account = await currentAccount();
  if (isJsonRequest(request)) {
    return respond(async () => {
      if (!account) throw new AppError("unauthenticated", "login required");
      const body = await readJsonObject(request);
      return issueSignCode({ personId: body.personId, proposalId }, accountActor(account.id, account.name));
    });
  }
  const form = await readForm(request).catch(() => null);
  if (!account) return seeOther("/login");
  const backField = form?.get("back");
  const back = typeof backField === "string" && backField.startsWith("/proposals/") ? backField : "/me";
  const personId = form?.get("personId");
  try {
    const issued = await issueSignCode({ proposalId, personId: typeof personId === "string" ? personId : "" }, accountActor(account.id, account.name));
    const response = seeOther(`${withQuery(back, { slip: issued.codeId })}#slip`);
    const slip = { codeId: issued.codeId, code: issued.code, personName: issued.personName, proposalTitle: issued.proposalTitle, expiresAt: issued.expiresAt.toISOString() };
    response.cookies.set(SIGN_CODE_SLIP_COOKIE, JSON.stringify(slip), { httpOnly: true, sameSite: "strict", path: "/proposals", maxAge: 600, secure: request.nextUrl.protocol === "https:" });
    return response;
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    const reason = appError.details?.reason;
    return seeOther(withQuery(back, { error: appError.code, field: appError.field, reason: typeof reason === "string" ? reason : undefined }));
  }
}
