import { SIGN_CODE_SLIP_COOKIE } from "@/app/proposals/[orgId]/slip";
import { issueSignCode } from "@/server/commands/proposal/issueSignCode";
import { seeOther } from "@/server/http";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/**
 * The clerk issues a one-time co-signing code (联名码) for a resident they have identified in person. JSON gets the
 * code back; a plain form comes back to the proposals page, which shows the code once on a printable slip: the code
 * travels in a short-lived cookie for that page only, never in a URL or a log.
 */
export const POST = writeRoute({
  command: issueSignCode,
  params: ["proposalId"],
  form: (f) => ({ personId: f.str("personId") ?? "" }),
  fallback: "/me",
  reply: (issued, { request, back }) => {
    const page = back.startsWith("/proposals/") ? back : "/me";
    const response = seeOther(`${withQuery(page, { slip: issued.codeId })}#slip`);
    const slip = {
      codeId: issued.codeId,
      code: issued.code,
      personName: issued.personName,
      proposalTitle: issued.proposalTitle,
      expiresAt: issued.expiresAt.toISOString(),
    };
    response.cookies.set(SIGN_CODE_SLIP_COOKIE, JSON.stringify(slip), {
      httpOnly: true,
      sameSite: "strict",
      path: "/proposals",
      maxAge: 600,
      secure: new URL(request.url).protocol === "https:",
    });
    return response;
  },
});
