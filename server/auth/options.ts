import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { accountForLogin } from "../db/load/account";
import { currentAccountOfToken } from "./identity";
import { dummyPasswordHash, verifyPassword } from "./password";
import { loginSucceeded, reserveLoginAttempt } from "./throttle";

/** Thrown by authorize when throttled; the login page shows the wait in words (next-auth passes the message on). */
export const THROTTLED = "rate_limited";

/** Sessions last at most 12 hours (a meeting day); the token version lets "log out everywhere" bite at once. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

const credentialsSchema = z.object({ phone: z.string().trim().max(20), password: z.string().max(200) });

export type SessionAccount = { id: string; name: string; tokenVersion: number };

/**
 * Checks phone + password. Unknown phone and wrong password fail alike, and take the same time. Each check first
 * reserves an attempt for the phone and the address (server/auth/throttle.ts): guesses sent at once cannot all be
 * checked before the first failure is counted.
 */
export async function checkCredentials(raw: unknown, address = "unknown"): Promise<SessionAccount | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const reservation = await reserveLoginAttempt(parsed.data.phone, address);
  if (!reservation) throw new Error(THROTTLED);
  const account = await accountForLogin(parsed.data.phone);
  const hash = account?.passwordHash ?? (await dummyPasswordHash());
  const ok = await verifyPassword(hash, parsed.data.password);
  if (!account || !ok || account.disabled) return null;
  await loginSucceeded(reservation);
  return { id: account.id, name: account.displayName, tokenVersion: account.tokenVersion };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  jwt: { maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "phone",
      credentials: { phone: { type: "tel" }, password: { type: "password" } },
      async authorize(credentials, req) {
        // Set by server/index.ts from the TCP peer (or the trusted proxy's X-Forwarded-For); never from the client.
        const address = String((req?.headers as Record<string, string> | undefined)?.["x-yishi-client-ip"] ?? "unknown");
        const account = await checkCredentials(credentials, address);
        return account ? { id: account.id, name: account.name, tokenVersion: account.tokenVersion } : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.tv = (user as { tokenVersion?: number }).tokenVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      // A token issued before "log out everywhere" or before the account was disabled carries an old version.
      if (!token.sub || !(await isTokenCurrent(token.sub, token.tv))) return { expires: session.expires };
      if (session.user) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};

/** True while the account exists, is enabled and the token's version is the account's current one. */
export async function isTokenCurrent(accountId: string, tokenVersion: unknown): Promise<boolean> {
  return (await currentAccountOfToken(accountId, tokenVersion)) !== null;
}
