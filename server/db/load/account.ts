/**
 * An account as sign-in and every session check read it (server/auth): whether it exists, is enabled, which token
 * version is current, and — for a password login — its hash. Re-read on every request and socket handshake, so a
 * disabled account or "log out everywhere" takes effect at once.
 */
import { currentDb } from "..";

export type AccountStanding = {
  id: string;
  displayName: string;
  personId: string | null;
  disabled: boolean;
  tokenVersion: number;
  mustSetPassword: boolean;
};

export function accountStanding(accountId: string): Promise<AccountStanding | null> {
  return currentDb().prisma.account.findUnique({
    where: { id: accountId },
    select: { id: true, displayName: true, personId: true, disabled: true, tokenVersion: true, mustSetPassword: true },
  });
}

/** The account a phone number signs in to, with its password hash (null: no account has this number). */
export function accountForLogin(
  phone: string,
): Promise<{ id: string; displayName: string; passwordHash: string | null; disabled: boolean; tokenVersion: number } | null> {
  return currentDb().prisma.account.findUnique({
    where: { phone },
    select: { id: true, displayName: true, passwordHash: true, disabled: true, tokenVersion: true },
  });
}
