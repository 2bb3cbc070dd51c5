import { redirect } from "next/navigation";
import { currentAccount, type CurrentAccount } from "@/server/auth/session";
import { isAppError, type AppError, type ErrorCode } from "@/server/errors";

export type Loaded<T> = { ok: true; data: T; account: CurrentAccount } | { ok: false; code: ErrorCode };

/**
 * Runs a console read for the signed-in account. Not signed in → the login page; a refusal (not a supervisor of
 * this organization, no such decision) → its code, which the page shows in words instead of the data.
 */
export async function loadForConsole<T>(read: (account: CurrentAccount) => Promise<T>): Promise<Loaded<T>> {
  const account = await currentAccount();
  if (!account) redirect("/login");
  try {
    return { ok: true, data: await read(account), account };
  } catch (error) {
    if (isAppError(error) && (error as AppError).code !== "internal") return { ok: false, code: (error as AppError).code };
    throw error;
  }
}
