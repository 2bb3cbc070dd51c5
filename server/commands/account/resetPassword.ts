import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand } from "../run";
import { LOGIN_TOKEN_DAYS, newLoginToken } from "./tokens";

const schema = z.strictObject({ orgId: z.string().min(1), accountId: z.string().min(1) });

export type PasswordReset = { accountId: string; name: string; token: string; expiresAt: string };

/**
 * An admin resets a member's forgotten password (issue #17), in the open: the password is removed (the admin never
 * learns or chooses one), every session of the account ends, the unused codes are voided and one new code is
 * returned for the member. The log records who reset whose password, and the account keeps the time, so that the
 * member is told at their next logins (the code's page and their own page) — an admin cannot use a reset to slip
 * into someone's account unnoticed. Only accounts of people registered in the admin's organization.
 */
export async function resetPassword(input: unknown, actor: Actor, now = new Date()): Promise<PasswordReset> {
  const result = await runCommand(schema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    const account = await tx.account.findUnique({
      where: { id: data.accountId },
      select: { id: true, displayName: true, disabled: true, person: { select: { orgId: true } } },
    });
    if (!account || account.person?.orgId !== data.orgId) throw new AppError("not_found", "account not found in this organization", { field: "accountId" });
    if (account.disabled) throw new AppError("conflict", "this account is disabled", { field: "accountId" });
    await tx.account.update({
      where: { id: account.id },
      data: { passwordHash: null, mustSetPassword: true, passwordResetAt: now, tokenVersion: { increment: 1 } },
    });
    await tx.loginToken.deleteMany({ where: { accountId: account.id, usedAt: null } });
    const { token, hash } = newLoginToken();
    const expiresAt = new Date(now.getTime() + LOGIN_TOKEN_DAYS * 86_400_000);
    await tx.loginToken.create({ data: { accountId: account.id, tokenHash: hash, expiresAt } });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "account.password_reset",
      object: { type: "account", id: account.id },
      data: { expiresAt: expiresAt.toISOString() },
      now,
    });
    // Every session of the account ends once this commits (server/listeners/sessions.ts).
    afterCommit(tx, { type: "account.revoked", orgId: data.orgId, meetingId: "", accountId: account.id });
    return { accountId: account.id, name: account.displayName, token, expiresAt: expiresAt.toISOString(), orgId: data.orgId };
  });
  return { accountId: result.accountId, name: result.name, token: result.token, expiresAt: result.expiresAt };
}
