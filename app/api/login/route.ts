import { sessionCookieFor } from "@/app/login/qr/session";
import type { LoginError } from "@/app/login/errors";
import { THROTTLED, checkCredentials } from "@/server/auth/options";
import { seeOther } from "@/server/http";

const failedWith = (error: LoginError) => seeOther(`/login?error=${error}`);

/**
 * The login form posted without JavaScript (a phone whose script did not load, or a tap before it ran): the same
 * check as next-auth's credentials login — throttling, one answer for an unknown phone and a wrong password — and the
 * same session cookie. Errors come back to the login page as a code, never with the phone number or password.
 */
export async function POST(request: Request) {
  // Login CSRF (another site logging a visitor into an account of its choosing) is refused before this runs, with
  // every other cross-origin write (server/web/requestGate.ts).
  const form = await request.formData().catch(() => null);
  const credentials = { phone: String(form?.get("phone") ?? ""), password: String(form?.get("password") ?? "") };
  // Set by server/index.ts from the TCP peer (or the trusted proxy's X-Forwarded-For); never from the client.
  const address = request.headers.get("x-yishi-client-ip") ?? "unknown";
  try {
    const account = await checkCredentials(credentials, address);
    if (!account) return failedWith("failed");
    const cookie = await sessionCookieFor(request, { accountId: account.id, name: account.name, tokenVersion: account.tokenVersion });
    const response = seeOther("/me");
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  } catch (error) {
    if (error instanceof Error && error.message === THROTTLED) return failedWith("throttled");
    console.error(error);
    return failedWith("unavailable");
  }
}
