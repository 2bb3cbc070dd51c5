import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { afterCommit, runCommand, type Tx } from "../run";

const selfSchema = z.strictObject({});
const disableSchema = z.strictObject({ orgId: z.string().min(1), accountId: z.string().min(1), disabled: z.boolean() });

/**
 * The organization whose log records an account-level change: where the account's person is registered, else its
 * first role, else (an account left with neither, issue #17) the organization that last took a role from it.
 * Null for an account no organization ever knew: its change has no organization log to go into.
 */
async function homeOrg(tx: Tx, accountId: string): Promise<string | null> {
  const account = await tx.account.findUnique({
    where: { id: accountId },
    select: { person: { select: { orgId: true } }, roles: { select: { orgId: true }, take: 1 } },
  });
  if (!account) throw new AppError("not_found", "account not found", { field: "accountId" });
  const orgId = account.person?.orgId ?? account.roles[0]?.orgId;
  if (orgId) return orgId;
  const revoked = await tx.auditEntry.findFirst({
    where: { action: "role.revoked", bytes: { contains: `"id":"${accountId}"` } },
    orderBy: { ts: "desc" },
    select: { orgId: true },
  });
  return revoked?.orgId ?? null;
}

/**
 * 在所有设备上退出: bumps the account's token version, so every session issued before (each phone, each browser)
 * is refused from the next request on, and its live sockets are disconnected now.
 */
export async function logoutEverywhere(input: unknown, actor: Actor): Promise<{ tokenVersion: number }> {
  if (actor.kind !== "account") throw new AppError("forbidden", "only for an account");
  const result = await runCommand(selfSchema, input, actor, async (tx) => {
    const orgId = await homeOrg(tx, actor.accountId);
    const account = await tx.account.update({ where: { id: actor.accountId }, data: { tokenVersion: { increment: 1 } }, select: { tokenVersion: true } });
    if (orgId)
      await appendAudit(tx, {
        orgId,
        actor: { id: actor.accountId, role: "self", name: actor.name },
        action: "account.sessions_revoked",
        object: { type: "account", id: actor.accountId },
        data: {},
      });
    afterCommit(tx, { type: "account.revoked", orgId: orgId ?? "", meetingId: "", accountId: actor.accountId });
    return { tokenVersion: account.tokenVersion, orgId };
  });
  return { tokenVersion: result.tokenVersion };
}

/** An admin disables (or re-enables) an account of their organization; a disabled account is logged out at once. */
export async function setAccountDisabled(input: unknown, actor: Actor): Promise<{ disabled: boolean }> {
  const result = await runCommand(disableSchema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    if ((await homeOrg(tx, data.accountId)) !== data.orgId) throw new AppError("not_found", "account not found", { field: "accountId" });
    await tx.account.update({ where: { id: data.accountId }, data: { disabled: data.disabled, tokenVersion: { increment: 1 } } });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "account.disabled",
      object: { type: "account", id: data.accountId },
      data: { disabled: data.disabled },
    });
    afterCommit(tx, { type: "account.revoked", orgId: data.orgId, meetingId: "", accountId: data.accountId });
    return { disabled: data.disabled, orgId: data.orgId };
  });
  return { disabled: result.disabled };
}
