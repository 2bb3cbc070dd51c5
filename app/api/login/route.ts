import type { LoginError } from "@/app/login/errors";
import { sessionCookieFor } from "@/app/login/qr/session";
import { checkCredentials, THROTTLED } from "@/server/auth/options";
import { AppError } from "@/server/errors";
import { seeOther } from "@/server/http";
import { writeRoute } from "@/server/web/writeRoute";

const WORDS: Partial<Record<AppError["code"], LoginError>> = { rate_limited: "throttled", unauthenticated: "failed", invalid_input: "failed" };

/**
 * The login form posted without JavaScript (a phone whose script did not load, or a tap before it ran): the same
 * check as next-auth's credentials login — throttling, one answer for an unknown phone and a wrong password — and the
 * same session cookie. Errors come back to the login page as a code, never with the phone number or password. Login
 * CSRF (another site logging a visitor into an account of its choosing) is refused at the door with every other
 * cross-origin write (server/web/requestGate.ts).
 */
export const POST = writeRoute({
  anonymous: true,
  json: false,
  // The client's address is set by server/index.ts from the TCP peer (or the trusted proxy's X-Forwarded-For).
  form: (f, _params, request) => ({
    phone: f.raw("phone") ?? "",
    password: f.raw("password") ?? "",
    address: request.headers.get("x-yishi-client-ip") ?? "unknown",
  }),
  command: async ({ phone, password, address }) => {
    const account = await checkCredentials({ phone, password }, String(address)).catch((error: unknown) => {
      throw error instanceof Error && error.message === THROTTLED ? new AppError("rate_limited", "too many attempts") : error;
    });
    if (!account) throw new AppError("unauthenticated", "wrong phone or password");
    return account;
  },
  reply: async (account, { request }) => {
    const cookie = await sessionCookieFor(request, { accountId: account.id, name: account.name, tokenVersion: account.tokenVersion });
    const response = seeOther("/me");
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  },
  failed: (error) => `/login?error=${WORDS[error.code] ?? "unavailable"}`,
});
