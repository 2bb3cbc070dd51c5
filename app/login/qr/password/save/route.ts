import { setPassword } from "@/server/commands/account/setPassword";
import { accountActor } from "@/server/commands/actor";
import { currentAccount } from "@/server/auth/session";
import { AppError, isAppError } from "@/server/errors";
import { seeOther } from "@/server/http";

/** Saves the password (or PIN) chosen after a QR code login; a plain form post. */
export async function POST(request: Request) {
  const account = await currentAccount();
  if (!account) return seeOther("/login");
  const form = await request.formData().catch(() => null);
  const password = form?.get("password");
  const confirm = form?.get("confirm");
  const current = form?.get("currentPassword");
  try {
    await setPassword(
      { password: typeof password === "string" ? password : "", confirm: typeof confirm === "string" ? confirm : "", ...(typeof current === "string" ? { currentPassword: current } : {}) },
      accountActor(account.id, account.name),
    );
    return seeOther("/me?password=set");
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    const reason = appError.details?.reason;
    const key = typeof reason === "string" ? reason : appError.field === "confirm" ? "mismatch" : appError.code;
    return seeOther(`/login/qr/password?error=${encodeURIComponent(key)}`);
  }
}
