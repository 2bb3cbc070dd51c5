import { redeemLoginToken } from "@/server/commands/account/redeemLoginToken";
import { LOGIN_TOKEN_PATTERN } from "@/server/commands/account/tokens";
import { isAppError } from "@/server/errors";
import { seeOther } from "@/server/http";
import { sessionCookieFor } from "./session";

/**
 * The tap on /q/<token>: uses the one-time code, logs the member in with a session cookie, and asks for a password.
 * A POST, so that link previews in chat apps (which fetch with GET) cannot use the code up.
 */
export async function POST(request: Request) {
  // Only from our own /q/<token> page: a post from another site (login CSRF) is refused before this runs
  // (server/web/requestGate.ts).
  const form = await request.formData().catch(() => null);
  const token = form?.get("token");
  if (typeof token !== "string" || !LOGIN_TOKEN_PATTERN.test(token)) return seeOther("/login");
  try {
    const login = await redeemLoginToken({ token });
    const cookie = await sessionCookieFor(request, login);
    const response = seeOther("/login/qr/password");
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  } catch (error) {
    if (!isAppError(error)) console.error(error);
    // The code's page says why (used, expired, unknown) in words.
    return seeOther(`/q/${token}`);
  }
}
