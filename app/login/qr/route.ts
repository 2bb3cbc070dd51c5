import { redeemLoginToken } from "@/server/commands/account/redeemLoginToken";
import { LOGIN_TOKEN_PATTERN } from "@/server/commands/account/tokens";
import { AppError } from "@/server/errors";
import { seeOther } from "@/server/http";
import { writeRoute } from "@/server/web/writeRoute";
import { sessionCookieFor } from "./session";

/**
 * The tap on /q/<token>: uses the one-time code, logs the member in with a session cookie, and asks for a password.
 * A POST, so that link previews in chat apps (which fetch with GET) cannot use the code up; only from our own
 * /q/<token> page (a post from another site, login CSRF, is refused at the door: server/web/requestGate.ts).
 */
export const POST = writeRoute({
  anonymous: true,
  json: false,
  form: (f) => ({ token: f.raw("token") }),
  command: (input) => {
    if (typeof input.token !== "string" || !LOGIN_TOKEN_PATTERN.test(input.token)) throw new AppError("invalid_input", "not a login code");
    return redeemLoginToken({ token: input.token });
  },
  reply: async (login, { request }) => {
    const cookie = await sessionCookieFor(request, login);
    const response = seeOther("/login/qr/password");
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  },
  // The code's page says why (used, expired, unknown) in words; a code that is not one goes to the login page.
  failed: (_error, { form }) => {
    const token = form?.raw("token");
    return token !== undefined && LOGIN_TOKEN_PATTERN.test(token) ? `/q/${token}` : "/login";
  },
});
