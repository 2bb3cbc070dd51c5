/**
 * One-time login codes as the record holds them: what a code is worth right now (the /q/<token> page, and the
 * command that redeems it), and whether an account just used one (a PIN is allowed, no current password asked).
 */
import { hashLoginToken, LOGIN_TOKEN_PATTERN } from "../../domain/loginCode";
import type { Tx } from "..";

/** A 6-digit PIN is allowed only right after a QR code login (within this window), for members on their phones. */
export const PIN_WINDOW_MS = 60 * 60 * 1000;

export type TokenState = "valid" | "used" | "expired" | "superseded" | "unknown";

/** What a login code is worth right now, without using it (the /q/<token> page shows this before the tap). */
export async function loginTokenState(tx: Tx, token: string, now = new Date()): Promise<{ state: TokenState; name: string | null; resetAt?: Date }> {
  if (!LOGIN_TOKEN_PATTERN.test(token)) return { state: "unknown", name: null };
  const row = await tx.loginToken.findUnique({ where: { tokenHash: hashLoginToken(token) }, select: { accountId: true, usedAt: true, expiresAt: true } });
  if (!row) return { state: "unknown", name: null };
  const account = await tx.account.findUnique({
    where: { id: row.accountId },
    select: { displayName: true, disabled: true, passwordHash: true, passwordResetAt: true },
  });
  if (!account || account.disabled) return { state: "unknown", name: null };
  // A code printed before the member chose a password no longer opens their account (issue #17).
  if (account.passwordHash !== null && !row.usedAt) return { state: "superseded", name: account.displayName };
  if (row.usedAt) return { state: "used", name: account.displayName };
  if (row.expiresAt <= now) return { state: "expired", name: account.displayName };
  // After an admin's reset the member is told before they tap (server/commands/account/resetPassword.ts).
  return { state: "valid", name: account.displayName, ...(account.passwordResetAt ? { resetAt: account.passwordResetAt } : {}) };
}

/** Whether the account logged in with a one-time code within the window and has set no password since. */
export async function hasFreshCode(tx: Tx, account: { id: string; mustSetPassword: boolean }, now: Date): Promise<boolean> {
  if (!account.mustSetPassword) return false;
  const recent = await tx.loginToken.findFirst({
    where: { accountId: account.id, usedAt: { gte: new Date(now.getTime() - PIN_WINDOW_MS) } },
    select: { id: true },
  });
  return recent !== null;
}

/** Whether the account may set a password without giving the current one: it has none, or it just used a code. */
export async function needsCurrentPassword(tx: Tx, accountId: string, now = new Date()): Promise<boolean> {
  const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true, passwordHash: true, mustSetPassword: true } });
  return account?.passwordHash != null && !(await hasFreshCode(tx, account, now));
}
