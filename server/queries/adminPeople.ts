import { currentDb } from "../db";
import { AppError } from "../errors";
import { requireAdmin, type Viewer } from "./access";

export type AdminPerson = {
  id: string;
  name: string;
  /** In full: only admins of the organization ever receive this. */
  phone: string | null;
  gender: "female" | "male";
  isAdult: boolean;
  isPartyMember: boolean;
  isCoopMember: boolean;
  /** 4401**********1234: the full 身份证号 is never stored. */
  idNumberMasked: string | null;
  /** 与户主关系 */
  relationship: string | null;
  householdId: string | null;
  deletedAt: Date | null;
  account: { id: string; phone: string; hasPassword: boolean; disabled: boolean; roles: string[] } | null;
};

export type AdminHousehold = { id: string; number: string; head: string | null };

const personSelect = {
  id: true,
  name: true,
  phone: true,
  gender: true,
  isAdult: true,
  isPartyMember: true,
  isCoopMember: true,
  idNumberMasked: true,
  relationship: true,
  householdId: true,
  deletedAt: true,
  account: { select: { id: true, phone: true, passwordHash: true, disabled: true, roles: { select: { orgId: true, role: true } } } },
} as const;

type PersonRow = {
  id: string;
  name: string;
  phone: string | null;
  gender: "female" | "male";
  isAdult: boolean;
  isPartyMember: boolean;
  isCoopMember: boolean;
  idNumberMasked: string | null;
  relationship: string | null;
  householdId: string | null;
  deletedAt: Date | null;
  account: { id: string; phone: string; passwordHash: string | null; disabled: boolean; roles: { orgId: string; role: string }[] } | null;
};

function toAdminPerson(p: PersonRow, orgId: string): AdminPerson {
  const { account, ...rest } = p;
  return {
    ...rest,
    account: account
      ? {
          id: account.id,
          phone: account.phone,
          hasPassword: account.passwordHash !== null,
          disabled: account.disabled,
          roles: account.roles.filter((r) => r.orgId === orgId).map((r) => r.role),
        }
      : null,
  };
}

/** The register of an organization for its admins: households and people, phones in full. */
export async function adminPeople(viewer: Viewer, orgId: string): Promise<{ households: AdminHousehold[]; people: AdminPerson[] }> {
  await requireAdmin(viewer, orgId);
  const { prisma } = currentDb();
  const [households, people] = await Promise.all([
    prisma.household.findMany({ where: { orgId }, orderBy: { createdAt: "asc" }, select: { id: true, number: true, head: true } }),
    prisma.person.findMany({ where: { orgId }, orderBy: [{ deletedAt: "asc" }, { createdAt: "asc" }], select: personSelect }),
  ]);
  return { households, people: people.map((p) => toAdminPerson(p, orgId)) };
}

export async function adminPerson(viewer: Viewer, personId: string): Promise<AdminPerson & { orgId: string; households: AdminHousehold[] }> {
  const { prisma } = currentDb();
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { ...personSelect, orgId: true } });
  if (!person) throw new AppError("not_found", "person not found");
  await requireAdmin(viewer, person.orgId);
  const households = await prisma.household.findMany({
    where: { orgId: person.orgId },
    orderBy: { createdAt: "asc" },
    select: { id: true, number: true, head: true },
  });
  return { ...toAdminPerson(person, person.orgId), orgId: person.orgId, households };
}

/** Accounts of an organization: of its people, and staff holding a role there. Phones in full (admins only). */
export async function adminAccounts(viewer: Viewer, orgId: string) {
  await requireAdmin(viewer, orgId);
  const accounts = await currentDb().prisma.account.findMany({
    where: { OR: [{ person: { orgId } }, { roles: { some: { orgId } } }] },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      phone: true,
      displayName: true,
      disabled: true,
      passwordHash: true,
      mustSetPassword: true,
      person: { select: { id: true, name: true, orgId: true } },
      roles: { where: { orgId }, select: { role: true } },
    },
  });
  return accounts.map((a) => ({
    id: a.id,
    phone: a.phone,
    displayName: a.displayName,
    disabled: a.disabled,
    hasPassword: a.passwordHash !== null,
    mustSetPassword: a.mustSetPassword,
    personId: a.person?.orgId === orgId ? a.person.id : null,
    roles: a.roles.map((r) => r.role),
  }));
}
