/**
 * How a page loads its data (docs/architecture.md): a server component asks who is signed in (or sends them to the
 * login page), calls ONE function of server/queries — which authorizes the read itself — through `load`, and shows
 * a refusal (forbidden, not found …) in words with <Denied code> instead of the data. Pages never read the database.
 */
import { redirect } from "next/navigation";
import { type CurrentAccount, currentAccount } from "../auth/session";
import { type AppError, type ErrorCode, isAppError } from "../errors";
import type { Viewer } from "../queries/access";

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

export type LoadedFor<T> = { ok: true; data: T; account: CurrentAccount } | { ok: false; code: ErrorCode };

/**
 * Runs a read for the signed-in account (the supervision console). Not signed in → the login page; a refusal (not
 * a supervisor of this organization, no such decision) → its code, which the page shows in words instead of the data.
 */
export async function loadForConsole<T>(read: (account: CurrentAccount) => Promise<T>): Promise<LoadedFor<T>> {
  const account = await currentAccount();
  if (!account) redirect("/login");
  try {
    return { ok: true, data: await read(account), account };
  } catch (error) {
    if (isAppError(error) && (error as AppError).code !== "internal") return { ok: false, code: (error as AppError).code };
    throw error;
  }
}
