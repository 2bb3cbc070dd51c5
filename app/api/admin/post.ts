import type { NextRequest, NextResponse } from "next/server";
import { accountActor, type Actor } from "@/server/commands/actor";
import { currentAccount } from "@/server/auth/session";
import { AppError, isAppError } from "@/server/errors";
import { isJsonRequest, readForm, readJsonObject, respond, seeOther } from "@/server/http";
import { FormReader } from "./formReader";

type Command<T> = (input: unknown, actor: Actor) => Promise<T>;

export type AdminPostOptions<T> = {
  command: Command<T>;
  /** Path parameters; they override anything of the same name in the body. */
  params?: Record<string, unknown>;
  /** A plain HTML form's fields → the command's input (checkboxes, empty fields, numbers). */
  fromForm: (form: FormReader) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Where a form goes after success; default: back where it came from, with ?saved=1. */
  next?: (result: T, back: string) => string;
};

/** A relative path on this site to return to after a form post (a hidden `back` field), never another site. */
function backOf(form: FormReader | null): string {
  const back = form?.str("back");
  return back && back.startsWith("/") && !back.startsWith("//") ? back : "/admin";
}

export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const url = new URL(path, "http://local");
  for (const key of ["saved", "error", "field", "reason"]) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * One adapter for every admin command over HTTP: JSON in → `{ok,data}` JSON out (scripts, tests), or a plain form
 * post → 303 back to the page with `?saved=1` or `?error=<code>&field=…&reason=…` (works where JavaScript fails).
 * Same origin and the body limit are checked for every request before it gets here (server/web/requestGate.ts).
 */
export async function adminPost<T>(request: NextRequest, options: AdminPostOptions<T>): Promise<NextResponse> {
  const account = await currentAccount();
  if (isJsonRequest(request)) {
    return respond(async () => {
      if (!account) throw new AppError("unauthenticated", "login required");
      const body = await readJsonObject(request);
      return options.command({ ...body, ...options.params }, accountActor(account.id, account.name));
    });
  }
  const form = await readForm(request).then((data) => new FormReader(data)).catch(() => null);
  if (!account) return seeOther("/login");
  const back = backOf(form);
  if (!form) return seeOther(withQuery(back, { error: "invalid_input" }));
  try {
    const result = await options.command({ ...(await options.fromForm(form)), ...options.params }, accountActor(account.id, account.name));
    return seeOther(options.next ? options.next(result, back) : withQuery(back, { saved: "1" }));
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    if (!isAppError(error)) console.error(error);
    const reason = appError.details?.reason;
    return seeOther(withQuery(back, { error: appError.code, field: appError.field, reason: typeof reason === "string" ? reason : undefined }));
  }
}
