import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { hashPassword } from "../../auth/password";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { homeOrgOf } from "./redeemLoginToken";

/** A 6-digit PIN is allowed only right after a QR code login (within this window), for members on their phones. */
export const PIN_WINDOW_MS = 60 * 60 * 1000;
const PIN = /^\d{6}$/;

const schema = z
  .strictObject({ password: z.string().max(200), confirm: z.string().max(200) })
  .refine((v) => v.password === v.confirm, { message: "两次输入不一致 (the two entries differ)", path: ["confirm"] });

/**
 * The logged-in account sets its own password (argon2id). At least 8 characters; or 6 digits in the QR onboarding
 * flow, i.e. when the account's last login was by a code used within the last hour and no password is set since.
 */
export function setPassword(input: unknown, actor: Actor, now = new Date()): Promise<{ accountId: string; isPin: boolean }> {
  return runCommand(schema, input, actor, async (tx, data, passwordHash: string) => {
    if (actor.kind !== "account") throw new AppError("unauthenticated", "login required");
    const account = await tx.account.findUnique({ where: { id: actor.accountId }, select: { id: true, disabled: true, mustSetPassword: true, displayName: true } });
    if (!account || account.disabled) throw new AppError("unauthenticated", "login required");
    const isPin = PIN.test(data.password);
    if (isPin) {
      const recentCode = await tx.loginToken.findFirst({
        where: { accountId: account.id, usedAt: { gte: new Date(now.getTime() - PIN_WINDOW_MS) } },
        select: { id: true },
      });
      if (!account.mustSetPassword || !recentCode) {
        throw new AppError("invalid_input", "a 6-digit PIN is only allowed right after a QR code login", { field: "password", details: { reason: "pin_not_allowed" } });
      }
    } else if (data.password.length < 8) {
      throw new AppError("invalid_input", "密码至少8位 (at least 8 characters)", { field: "password", details: { reason: "too_short" } });
    }
    await tx.account.update({ where: { id: account.id }, data: { passwordHash, mustSetPassword: false } });
    const orgId = await homeOrgOf(tx, account.id);
    if (orgId) {
      await appendAudit(tx, {
        orgId,
        actor: { id: account.id, role: "account", name: account.displayName },
        action: "account.password_set",
        object: { type: "account", id: account.id },
        data: { kind: isPin ? "pin" : "password" },
      });
    }
    return { accountId: account.id, isPin };
  }, (data) => hashPassword(data.password));
}
