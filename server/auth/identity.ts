/**
 * Who is behind a request or a live connection, from what a session token names: the account while it exists, is
 * enabled and the token's version is its current one (a disabled account or "log out everywhere" bites at once).
 * Free of next-auth, so that the socket server can use it as the pages do.
 */
import { type AccountStanding, accountStanding } from "../db/load/account";

/** Who is behind a live connection (a socket): a signed-in account and its person, or null for an anonymous viewer. */
export type SocketIdentity = { accountId: string; name: string; personId: string | null } | null;

/** The identity a socket's session check left on its data (server/realtime/auth.ts), or null for an anonymous viewer. */
export function identityOf(socket: { data: unknown }): SocketIdentity {
  return ((socket.data as { identity?: SocketIdentity } | undefined)?.identity as SocketIdentity | undefined) ?? null;
}

/** The account a session token names, while it exists, is enabled and the token's version is its current one. */
export async function currentAccountOfToken(accountId: string, tokenVersion: unknown): Promise<AccountStanding | null> {
  const account = await accountStanding(accountId);
  return account !== null && !account.disabled && account.tokenVersion === (typeof tokenVersion === "number" ? tokenVersion : 0) ? account : null;
}
