import { redirect } from "next/navigation";
import { currentAccount } from "@/server/auth/session";
import { isAppError, type AppError, type ErrorCode } from "@/server/errors";
import type { Viewer } from "@/server/queries/access";

/** The logged-in viewer of a page; anonymous visitors go to the login page. */
export async function viewerOrLogin(): Promise<Viewer> {
  const account = await currentAccount();
  if (!account) redirect("/login");
  return { id: account.id, name: account.name };
}

export type Loaded<T> = { ok: true; data: T } | { ok: false; code: ErrorCode };

/** Runs a page's query; a refusal (forbidden, not found) becomes a value the page shows in words. */
export async function load<T>(work: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: (error as AppError).code };
    throw error;
  }
}
