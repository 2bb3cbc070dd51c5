import { getServerSession } from "next-auth";
import { accountStanding } from "../db/load/account";
import { authOptions } from "./options";

export type CurrentAccount = { id: string; name: string; personId: string | null; mustSetPassword: boolean };

/**
 * The logged-in account for a page or route handler, or null. The account is re-read on every request, so that a
 * disabled account or a bumped token version ("log out everywhere") takes effect at once.
 */
export async function currentAccount(): Promise<CurrentAccount | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const account = await accountStanding(id);
  if (!account || account.disabled) return null;
  return { id: account.id, name: account.displayName, personId: account.personId, mustSetPassword: account.mustSetPassword };
}
