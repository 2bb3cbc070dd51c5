import { encode } from "next-auth/jwt";
import { SESSION_MAX_AGE_S } from "@/server/auth/options";
import type { RedeemedLogin } from "@/server/commands/account/redeemLoginToken";

export type SessionCookie = { name: string; value: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; maxAge: number } };

/** https as next-auth sees it: NEXTAUTH_URL's scheme when set, else the proxy's x-forwarded-proto (AUTH_TRUST_HOST). */
function isSecure(request: Request): boolean {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) return configured.startsWith("https:");
  return request.headers.get("x-forwarded-proto") === "https" || new URL(request.url).protocol === "https:";
}

/**
 * The same session cookie next-auth's credentials login sets: a JWT encrypted with NEXTAUTH_SECRET whose payload is
 * what server/auth/options.ts's jwt callback produces ({ sub, name, tv }), valid 12 hours.
 */
export async function sessionCookieFor(request: Request, login: RedeemedLogin): Promise<SessionCookie> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  const secure = isSecure(request);
  const value = await encode({ token: { sub: login.accountId, name: login.name, tv: login.tokenVersion }, secret, maxAge: SESSION_MAX_AGE_S });
  return {
    name: secure ? "__Secure-next-auth.session-token" : "next-auth.session-token",
    value,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_S },
  };
}
