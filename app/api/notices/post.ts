import type { NextRequest, NextResponse } from "next/server";
import { accountActor, type Actor } from "@/server/commands/actor";
import { currentAccount } from "@/server/auth/session";
import { AppError, isAppError } from "@/server/errors";
import { isJsonRequest, readForm, readJsonObject, respond, seeOther } from "@/server/http";

type Form = { str(name: string): string | undefined; int(name: string): number | string | undefined; has(name: string): boolean };

export type NoticePostOptions<T> = {
  /** The command, called with (input, actor) only: its test clock is never reachable over HTTP. */
  command: (input: unknown, actor: Actor) => Promise<T>;
  params?: Record<string, unknown>;
  fromForm: (form: Form) => Record<string, unknown>;
  /** Irreversible steps: a plain form must carry the ticked confirmation box `confirm`. */
  needsConfirm?: boolean;
  /** Where a form goes after success. */
  next: (result: T, back: string) => string;
};

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const url = new URL(path, "http://local");
  for (const key of ["error", "field", "reason", "done"]) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

function formOf(data: FormData): Form {
  const str = (name: string) => {
    const value = data.get(name);
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  };
  return {
    str,
    int: (name) => {
      const value = str(name)?.trim();
      return value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
    },
    has: (name) => data.has(name),
  };
}

/**
 * One adapter for the notice commands: JSON in → `{ok,data}` out (tests, scripts), or a plain HTML form → 303 to the
 * page with `?done=…` or `?error=<code>&field=…&reason=…` (WeChat's browser may run no JavaScript). Posts from
 * another site never get here (server/web/requestGate.ts).
 */
export async function noticePost<T>(request: NextRequest, options: NoticePostOptions<T>): Promise<NextResponse> {
  const account = await currentAccount();
  const actor = account ? accountActor(account.id, account.name) : null;
  if (isJsonRequest(request)) {
    return respond(async () => {
      if (!actor) throw new AppError("unauthenticated", "login required");
      const body = await readJsonObject(request);
      return options.command({ ...body, ...options.params }, actor);
    });
  }
  const data = await readForm(request).catch(() => null);
  const form = data ? formOf(data) : null;
  const backField = form?.str("back");
  const back = backField && backField.startsWith("/") && !backField.startsWith("//") ? backField : "/";
  if (!actor) return seeOther(withQuery(back, { error: "unauthenticated" }));
  if (!form) return seeOther(withQuery(back, { error: "invalid_input" }));
  if (options.needsConfirm && !form.str("confirm")) return seeOther(withQuery(back, { error: "invalid_input", field: "confirm" }));
  try {
    const result = await options.command({ ...options.fromForm(form), ...options.params }, actor);
    return seeOther(options.next(result, back));
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    if (!isAppError(error)) console.error(error);
    const reason = appError.details?.reason;
    return seeOther(withQuery(back, { error: appError.code, field: appError.field, reason: typeof reason === "string" ? reason : undefined }));
  }
}

export { withQuery };
