import { AppError } from "../../errors";
import type { Tx } from "../run";

/**
 * An account "of" an organization: linked to a person registered there, or already holding a role there. Roles are
 * granted only to such accounts, so that an admin cannot reach into another organization's people.
 */
export async function requireAccountInOrg(tx: Tx, accountId: string, orgId: string): Promise<void> {
  const account = await tx.account.findUnique({
    where: { id: accountId },
    select: { disabled: true, person: { select: { orgId: true } }, roles: { where: { orgId }, select: { role: true } } },
  });
  if (!account || (account.person?.orgId !== orgId && account.roles.length === 0)) {
    throw new AppError("not_found", "account not found in this organization", { field: "accountId" });
  }
  if (account.disabled) throw new AppError("conflict", "this account is disabled", { field: "accountId" });
}
