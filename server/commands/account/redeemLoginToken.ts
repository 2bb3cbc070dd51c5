import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { loginTokenState } from "../../db/load/loginCode";
import { AppError } from "../../errors";
import { SYSTEM } from "../actor";
import { runCommand, type Tx } from "../run";
import { hashLoginToken, LOGIN_TOKEN_PATTERN } from "./tokens";

const schema = z.strictObject({ token: z.string().regex(LOGIN_TOKEN_PATTERN, "not a login code") });

export type RedeemedLogin = { accountId: string; name: string; tokenVersion: number };
/** The organization whose log records this account's own actions: its person's, else its first role's. */
export async function homeOrgOf(tx: Tx, accountId: string): Promise<string | null> {
  const account = await tx.account.findUnique({
    where: { id: accountId },
    select: { person: { select: { orgId: true } }, roles: { select: { orgId: true }, take: 1 } },
  });
  return account?.person?.orgId ?? account?.roles[0]?.orgId ?? null;
}

/**
 * Uses a one-time login code: once, before it expires. The code itself is the credential (no actor logs in
 * before it), so the command runs with no logged-in actor and the log names the account it opened.
 */
export function redeemLoginToken(input: unknown, now = new Date()): Promise<RedeemedLogin> {
  return runCommand(schema, input, SYSTEM, async (tx, data) => {
    const { state } = await loginTokenState(tx, data.token, now);
    if (state === "unknown") throw new AppError("not_found", "no such login code", { field: "token", details: { reason: "unknown" } });
    if (state !== "valid") throw new AppError("conflict", `login code ${state}`, { field: "token", details: { reason: state } });
    // Conditional update: of two phones scanning the same code at once, exactly one wins.
    const used = await tx.loginToken.updateMany({ where: { tokenHash: hashLoginToken(data.token), usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new AppError("conflict", "login code used", { field: "token", details: { reason: "used" } });
    const token = await tx.loginToken.findUniqueOrThrow({ where: { tokenHash: hashLoginToken(data.token) }, select: { id: true, accountId: true } });
    const account = await tx.account.update({
      where: { id: token.accountId },
      data: { mustSetPassword: true },
      select: { id: true, displayName: true, tokenVersion: true },
    });
    const orgId = await homeOrgOf(tx, account.id);
    if (orgId) {
      await appendAudit(tx, {
        orgId,
        actor: { id: account.id, role: "account", name: account.displayName },
        action: "login.token_redeemed",
        object: { type: "account", id: account.id },
        data: { tokenId: token.id },
      });
    }
    return { accountId: account.id, name: account.displayName, tokenVersion: account.tokenVersion };
  });
}
