import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand, type Tx } from "../run";
import { LOGIN_TOKEN_DAYS, newLoginToken } from "./tokens";

const schema = z.strictObject({ bodyId: z.string().min(1) });

export type IssuedCode = { personId: string; name: string; seat: string; token: string; expiresAt: string };
export type SkipReason = "no_phone" | "phone_in_use" | "disabled" | "has_password";
export type LoginSheet = {
  bodyId: string;
  bodyName: string;
  orgName: string;
  codes: IssuedCode[];
  skipped: { personId: string; name: string; reason: SkipReason }[];
};

type Member = { id: string; name: string; phone: string | null; seat: string; account: { id: string; disabled: boolean; passwordHash: string | null } | null };

/** The member's account, opened now (phone = login, no password yet) when they have none; or why there is none. */
async function accountFor(tx: Tx, member: Member): Promise<{ id: string; created: boolean } | SkipReason> {
  if (member.account?.disabled) return "disabled";
  // A code opens a session without the password: for an account that has one, the admin holding the sheet could
  // log in as that member or officer (issue #17). Such a member logs in with their password.
  if (member.account?.passwordHash) return "has_password";
  if (member.account) return { id: member.account.id, created: false };
  if (!member.phone) return "no_phone";
  // One phone, one login: a phone already used by another account (another record of the same person in another
  // organization, or a staff account) is not linked silently.
  if (await tx.account.findUnique({ where: { phone: member.phone }, select: { id: true } })) return "phone_in_use";
  const account = await tx.account.create({
    data: { phone: member.phone, displayName: member.name, personId: member.id, passwordHash: null, mustSetPassword: true },
    select: { id: true },
  });
  return { id: account.id, created: true };
}

/**
 * A sheet of one-time login codes, one per roster member and officer of a body. Members without an account get
 * one; printing a new sheet voids the unused codes of the previous one (a lost sheet is fixed by printing again).
 * Only hashes are stored: the codes exist in this answer and on paper.
 */
export function issueLoginTokens(input: unknown, actor: Actor, now = new Date()): Promise<LoginSheet> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const body = await tx.body.findUnique({
      where: { id: data.bodyId },
      select: {
        id: true,
        name: true,
        orgId: true,
        chairId: true,
        recorderId: true,
        org: { select: { name: true } },
        members: { select: { personId: true, seat: true } },
      },
    });
    if (!body) throw new AppError("not_found", "body not found", { field: "bodyId" });
    const auditActor = await requireOrgRole(tx, actor, body.orgId, ["admin"]);
    const seats = new Map(body.members.map((m) => [m.personId, m.seat]));
    for (const officer of [body.chairId, body.recorderId]) if (officer && !seats.has(officer)) seats.set(officer, "officer");
    const people = await tx.person.findMany({
      where: { id: { in: [...seats.keys()] }, deletedAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true, phone: true, account: { select: { id: true, disabled: true, passwordHash: true } } },
    });
    const expiresAt = new Date(now.getTime() + LOGIN_TOKEN_DAYS * 86_400_000);
    const sheet: LoginSheet = { bodyId: body.id, bodyName: body.name, orgName: body.org.name, codes: [], skipped: [] };
    const createdAccounts: string[] = [];
    for (const person of people) {
      const account = await accountFor(tx, { ...person, seat: seats.get(person.id) ?? "member" });
      if (typeof account === "string") {
        sheet.skipped.push({ personId: person.id, name: person.name, reason: account });
        continue;
      }
      if (account.created) createdAccounts.push(account.id);
      await tx.loginToken.deleteMany({ where: { accountId: account.id, usedAt: null } });
      const { token, hash } = newLoginToken();
      await tx.loginToken.create({ data: { accountId: account.id, tokenHash: hash, expiresAt } });
      sheet.codes.push({ personId: person.id, name: person.name, seat: seats.get(person.id) ?? "member", token, expiresAt: expiresAt.toISOString() });
    }
    await appendAudit(tx, {
      orgId: body.orgId,
      actor: auditActor,
      action: "login.token_issued",
      object: { type: "body", id: body.id },
      data: {
        people: sheet.codes.map((c) => c.personId),
        accountsCreated: createdAccounts,
        skipped: sheet.skipped.map((s) => ({ personId: s.personId, reason: s.reason })),
        expiresAt: expiresAt.toISOString(),
      },
    });
    return sheet;
  });
}
