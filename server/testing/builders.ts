/**
 * Test data, built through the real commands (as the system, on whatever database the test opened): organizations,
 * bodies with their rosters and officers, meetings, and voters who can log in. A test says what it needs — "a board
 * of three with a chair", "a voter with a password" — instead of copying demo phone numbers and hand-made rows.
 * The demo village's logins (prisma/demoAccounts.ts) are named by role for the tests that run against the seeded demo.
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/demoAccounts";
import { SYSTEM } from "../commands/actor";
import { createBody } from "../commands/body/createBody";
import { setOfficers } from "../commands/body/setOfficers";
import { setRoster } from "../commands/body/setRoster";
import { scheduleMeeting } from "../commands/meeting/scheduleMeeting";
import { createAccount } from "../commands/org/createAccount";
import { createOrganization } from "../commands/org/createOrganization";
import { createPerson } from "../commands/org/createPerson";
import type { BodyKind } from "../domain/rules";
import { getRuntime } from "../runtime";

// ——— the seeded demo village ———

export type DemoRole = "admin" | "chair" | "recorder" | "member" | "supervisor" | "resident";

/** The phone of a demo login: `demoPhone("chair")`, `demoPhone("member", 2)` (the demo has three members). */
export function demoPhone(role: DemoRole, index = 0): string {
  const account = DEMO_ACCOUNTS.filter((a) => a.role === role)[index];
  if (!account) throw new Error(`the demo has no ${role} #${index}`);
  return account.phone;
}

/** Every demo login of a role, in the seed's order. */
export function demoPhones(role: DemoRole): string[] {
  return DEMO_ACCOUNTS.filter((a) => a.role === role).map((a) => a.phone);
}

/** The admin of the demo's neighbouring village (prisma/seed.ts): another organization, for cross-village refusals. */
export const NEIGHBOUR_ADMIN_PHONE = "13800000021";

export { DEMO_PASSWORD };

// ——— fresh data ———

let sequence = 0;
const next = () => ++sequence;

/**
 * A mainland mobile number no seed uses (the 137 range; the demo's are 138 and 139), unique in this test process:
 * the process id keeps parallel test files apart when they share one database server.
 */
export function freshPhone(): string {
  return `137${String(process.pid % 10_000).padStart(4, "0")}${String(next()).padStart(4, "0")}`;
}

export const TEST_PASSWORD = "test-password-1";

export async function buildOrganization(options: { name?: string; level?: "village" | "cooperative"; parentId?: string } = {}): Promise<{ id: string }> {
  const level = options.level ?? "village";
  return createOrganization(
    { name: options.name ?? `测试${level === "village" ? "村" : "社"}${next()}`, level, ...(options.parentId ? { parentId: options.parentId } : {}) },
    SYSTEM,
  );
}

/** A person of the organization; with a phone when asked (`phone: true` for a fresh one). */
export async function buildPerson(
  orgId: string,
  options: { name?: string; phone?: string | true; gender?: "female" | "male" } = {},
): Promise<{ id: string; phone?: string }> {
  const phone = options.phone === true ? freshPhone() : options.phone;
  const { id } = await createPerson(
    { orgId, name: options.name ?? `村民${next()}`, gender: options.gender ?? (sequence % 2 ? "female" : "male"), ...(phone ? { phone } : {}) },
    SYSTEM,
  );
  return { id, ...(phone ? { phone } : {}) };
}

export type BuiltBody = { id: string; orgId: string; memberIds: string[]; chairId: string | null; recorderId: string | null };

/**
 * A body with its roster: the given people, or `members` new people (each with a phone). Officers: the given chair
 * and recorder, or with `withOfficers` the first member as chair and the second as recorder. Default: a 村民代表会议
 * of five new people.
 */
export async function buildBody(
  orgId: string,
  options: { kind?: BodyKind; name?: string; members?: number; people?: string[]; withOfficers?: boolean; chairId?: string; recorderId?: string } = {},
): Promise<BuiltBody> {
  const { id } = await createBody({ orgId, kind: options.kind ?? "villager-representatives", name: options.name ?? `议事主体${next()}` }, SYSTEM);
  const memberIds = options.people ? [...options.people] : [];
  if (!options.people) for (let i = 0; i < (options.members ?? 5); i += 1) memberIds.push((await buildPerson(orgId, { phone: true })).id);
  await setRoster({ bodyId: id, members: memberIds.map((personId) => ({ personId })) }, SYSTEM);
  const chairId = options.chairId ?? (options.withOfficers ? (memberIds[0] ?? null) : null);
  const recorderId = options.recorderId ?? (options.withOfficers ? (memberIds[1] ?? null) : null);
  if (chairId || recorderId) await setOfficers({ bodyId: id, chairId, recorderId }, SYSTEM);
  return { id, orgId, memberIds, chairId, recorderId };
}

/** Adds people to a body's roster, keeping its members (the command replaces the whole roster). */
export async function addToRoster(bodyId: string, personIds: string[]): Promise<void> {
  const current = await getRuntime().db.prisma.bodyMember.findMany({ where: { bodyId }, select: { personId: true, seat: true } });
  const members = [...current.map((m) => ({ personId: m.personId, seat: m.seat as "member" })), ...personIds.map((personId) => ({ personId }))];
  await setRoster({ bodyId, members }, SYSTEM);
}

/** A meeting of the body, by default an hour from now and in person, with the given agenda items (default none). */
export async function buildMeeting(
  bodyId: string,
  options: { startsAt?: Date; noticeDate?: string; agenda?: { title: string; matterId?: string }[]; number?: string; title?: string; form?: string } = {},
): Promise<{ id: string }> {
  const startsAt = options.startsAt ?? new Date(Date.now() + 3_600_000);
  const { id } = await scheduleMeeting(
    {
      bodyId,
      number: options.number ?? `测试第${next()}次`,
      title: options.title ?? "测试会议",
      startsAt: startsAt.toISOString(),
      place: "村委会",
      ...(options.noticeDate ? { noticeDate: options.noticeDate } : {}),
      ...(options.form ? { form: options.form } : {}),
      agenda: options.agenda ?? [],
    },
    SYSTEM,
  );
  return { id };
}

export type BuiltVoter = { personId: string; accountId: string; phone: string; password: string; name: string };

/** A person with a login (fresh phone, TEST_PASSWORD), on the body's roster when one is given. */
export async function buildVoter(orgId: string, bodyId?: string, options: { name?: string; password?: string } = {}): Promise<BuiltVoter> {
  const name = options.name ?? `表决人${next()}`;
  const phone = freshPhone();
  const password = options.password ?? TEST_PASSWORD;
  const { id: personId } = await buildPerson(orgId, { name, phone });
  const { id: accountId } = await createAccount({ orgId, personId, phone, displayName: name, password }, SYSTEM);
  if (bodyId) await addToRoster(bodyId, [personId]);
  return { personId, accountId, phone, password, name };
}
