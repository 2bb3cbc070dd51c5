import { sessionCookieFor } from "@/app/login/qr/session";
import { THROTTLED, checkCredentials } from "@/server/auth/options";
import { seeOther } from "@/server/http";

/**
 * The login form posted without JavaScript (a phone whose script did not load, or a tap before it ran): the same
 * check as next-auth's credentials login — throttling, one answer for an unknown phone and a wrong password — and the
 * same session cookie. Errors come back to the login page as a code, never with the phone number or password.
 */
export async function POST(request: Request) {
  // From our own login page only: another site must not log a visitor into some account of its choosing (login CSRF).
  const origin = request.headers.get("origin");
  if (origin && (origin === "null" || new URL(origin).host !== (request.headers.get("x-forwarded-host") ?? request.headers.get("host")))) {
    return seeOther("/login?error=failed");
  }
  const form = await request.formData().catch(() => null);
  const credentials = { phone: String(form?.get("phone") ?? ""), password: String(form?.get("password") ?? "") };
  // Set by server/index.ts from the TCP peer (or the trusted proxy's X-Forwarded-For); never from the client.
  const address = request.headers.get("x-yishi-client-ip") ?? "unknown";
  try {
    const account = await checkCredentials(credentials, address);
    if (!account) return seeOther("/login?error=failed");
    const cookie = await sessionCookieFor(request, { accountId: account.id, name: account.name, tokenVersion: account.tokenVersion });
    const response = seeOther("/me");
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  } catch (error) {
    if (error instanceof Error && error.message === THROTTLED) return seeOther("/login?error=throttled");
    console.error(error);
    return seeOther("/login?error=unavailable");
  }
}
