import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { hashPassword, verifyPassword } from "../../auth/password";
import { isStrongPassword } from "../../auth/passwordStrength";
import { loginSucceeded, reserveLoginAttempt } from "../../auth/throttle";
import { currentDb } from "../../db";
import { hasFreshCode } from "../../db/load/loginCode";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { homeOrgOf } from "./redeemLoginToken";

const PIN = /^\d{6}$/;

const schema = z
  .strictObject({ password: z.string().max(200), confirm: z.string().max(200), currentPassword: z.string().max(200).optional() })
  .refine((v) => v.password === v.confirm, { message: "两次输入不一致 (the two entries differ)", path: ["confirm"] });

type Prepared = { passwordHash: string; currentHash: string | null; currentOk: boolean };

/**
 * The logged-in account sets its own password (argon2id). A password that replaces one needs the current password,
 * or a one-time code used within the last hour (issue #17): a session left open or copied is not enough to take
 * the account over. At least 8 characters and not guessable (server/auth/passwordStrength.ts); or 6 digits in the
 * QR onboarding flow, i.e. when the account's last login was by a code used within the last hour.
 */
export function setPassword(input: unknown, actor: Actor, now = new Date()): Promise<{ accountId: string; isPin: boolean }> {
  return runCommand(
    schema,
    input,
    actor,
    async (tx, data, prepared: Prepared) => {
      if (actor.kind !== "account") throw new AppError("unauthenticated", "login required");
      const account = await tx.account.findUnique({
        where: { id: actor.accountId },
        select: { id: true, disabled: true, mustSetPassword: true, displayName: true, phone: true, passwordHash: true },
      });
      if (!account || account.disabled) throw new AppError("unauthenticated", "login required");
      const freshCode = await hasFreshCode(tx, account, now);
      const isPin = PIN.test(data.password);
      if (isPin) {
        if (!freshCode) {
          throw new AppError("invalid_input", "a 6-digit PIN is only allowed right after a QR code login", {
            field: "password",
            details: { reason: "pin_not_allowed" },
          });
        }
      } else if (data.password.length < 8) {
        throw new AppError("invalid_input", "密码至少8位 (at least 8 characters)", { field: "password", details: { reason: "too_short" } });
      } else if (!isStrongPassword(data.password, [account.phone, account.displayName])) {
        throw new AppError("invalid_input", "密码太容易猜到 (the password is too easy to guess)", { field: "password", details: { reason: "weak" } });
      }
      // The hash checked before the transaction must still be the account's: a password changed meanwhile is not.
      if (account.passwordHash !== null && !freshCode && (!prepared.currentOk || prepared.currentHash !== account.passwordHash)) {
        throw new AppError("invalid_input", "the current password is wrong", { field: "currentPassword", details: { reason: "current_password" } });
      }
      await tx.account.update({ where: { id: account.id }, data: { passwordHash: prepared.passwordHash, mustSetPassword: false } });
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
    },
    async (data): Promise<Prepared> => {
      // argon2 runs before the transaction opens (PGlite runs one at a time).
      const passwordHash = await hashPassword(data.password);
      if (actor.kind !== "account" || data.currentPassword === undefined) return { passwordHash, currentHash: null, currentOk: false };
      const current = await currentDb().prisma.account.findUnique({ where: { id: actor.accountId }, select: { passwordHash: true, phone: true } });
      const currentHash = current?.passwordHash ?? null;
      if (!current || currentHash === null) return { passwordHash, currentHash, currentOk: false };
      // Guessing the current password from an open session counts against the phone like a login attempt.
      const reservation = await reserveLoginAttempt(current.phone, `session:${actor.accountId}`);
      if (!reservation) throw new AppError("rate_limited", "too many attempts; try again later", { field: "currentPassword" });
      const currentOk = await verifyPassword(currentHash, data.currentPassword);
      if (currentOk) await loginSucceeded(reservation);
      return { passwordHash, currentHash, currentOk };
    },
  );
}
