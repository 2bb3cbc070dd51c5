import { currentDb } from "../db";

export type MyOrganization = { id: string; name: string; level: string; roles: string[] };

/** Organizations where the account holds a role (admin, supervisor) or is registered as a person. */
export async function myOrganizations(accountId: string): Promise<MyOrganization[]> {
  const account = await currentDb().prisma.account.findUnique({
    where: { id: accountId },
    select: {
      roles: { select: { role: true, org: { select: { id: true, name: true, level: true } } } },
      person: { select: { org: { select: { id: true, name: true, level: true } } } },
    },
  });
  if (!account) return [];
  const byId = new Map<string, MyOrganization>();
  for (const { role, org } of account.roles) {
    const entry = byId.get(org.id) ?? { ...org, roles: [] };
    entry.roles.push(role);
    byId.set(org.id, entry);
  }
  if (account.person && !byId.has(account.person.org.id)) byId.set(account.person.org.id, { ...account.person.org, roles: [] });
  return [...byId.values()];
}
