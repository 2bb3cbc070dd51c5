import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getRuntime } from "../runtime";
import { dummyPasswordHash, verifyPassword } from "./password";

/** Sessions last at most 12 hours (a meeting day); the token version lets "log out everywhere" bite at once. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

const credentialsSchema = z.object({ phone: z.string().trim().max(20), password: z.string().max(200) });

export type SessionAccount = { id: string; name: string; tokenVersion: number };

/** Checks phone + password. Unknown phone and wrong password fail alike, and take the same time. */
export async function checkCredentials(raw: unknown): Promise<SessionAccount | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { prisma } = getRuntime().db;
  const account = await prisma.account.findUnique({
    where: { phone: parsed.data.phone },
    select: { id: true, displayName: true, passwordHash: true, disabled: true, tokenVersion: true },
  });
  const hash = account?.passwordHash ?? (await dummyPasswordHash());
  const ok = await verifyPassword(hash, parsed.data.password);
  if (!account || !ok || account.disabled) return null;
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
      async authorize(credentials) {
        const account = await checkCredentials(credentials);
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
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
