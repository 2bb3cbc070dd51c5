import type { NextRequest, NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor, type Actor } from "@/server/commands/actor";
import { AppError, isAppError } from "@/server/errors";
import { isJsonRequest, readForm, readJsonObject, respond, seeOther } from "@/server/http";
import { withQuery } from "../notices/post";

export type FormInput = { str(name: string): string | undefined; all(name: string): string[]; files(name: string): Promise<{ filename: string; data: Uint8Array }[]> };

function formInput(data: FormData): FormInput {
  return {
    str: (name) => {
      const value = data.get(name);
      return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
    },
    all: (name) => data.getAll(name).map((v) => (typeof v === "string" ? v.trim() : "")),
    files: async (name) =>
      Promise.all(
        data
          .getAll(name)
          .filter((v): v is File => typeof v !== "string" && v.size > 0)
          .map(async (file) => ({ filename: file.name, data: new Uint8Array(await file.arrayBuffer()) })),
      ),
  };
}

/**
 * The implementation pages' HTTP adapter: JSON in → `{ok,data}` out (tests, scripts), or a plain or multipart HTML
 * form → 303 back to the page with `?done=…` or `?error=<code>&field=…&reason=…` (WeChat's browser may run no
 * JavaScript). Same origin and the body limit were checked at the door (server/web/requestGate.ts).
 */
export async function implementationPost<T>(
  request: NextRequest,
  options: { command: (input: unknown, actor: Actor) => Promise<T>; fromForm: (form: FormInput) => Promise<Record<string, unknown>> | Record<string, unknown>; done: string },
): Promise<NextResponse> {
  const account = await currentAccount();
  const actor = account ? accountActor(account.id, account.name) : null;
  const isJson = isJsonRequest(request) || (request.headers.get("accept") ?? "").includes("application/json");
  if (isJson) {
    return respond(async () => {
      if (!actor) throw new AppError("unauthenticated", "login required");
      const input = isJsonRequest(request) ? await readJsonObject(request) : await options.fromForm(formInput(await readForm(request)));
      return options.command(input, actor);
    });
  }
  const data = await readForm(request).catch(() => null);
  const form = data ? formInput(data) : null;
  const backField = form?.str("back");
  const back = backField && backField.startsWith("/") && !backField.startsWith("//") ? backField : "/";
  if (!actor) return seeOther(withQuery(back, { error: "unauthenticated" }));
  if (!form) return seeOther(withQuery(back, { error: "invalid_input" }));
  try {
    await options.command(await options.fromForm(form), actor);
    return seeOther(withQuery(back, { done: options.done }));
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    if (!isAppError(error)) console.error(error);
    const reason = appError.details?.reason;
    return seeOther(withQuery(back, { error: appError.code, field: appError.field, reason: typeof reason === "string" ? reason : undefined }));
  }
}

/** A number typed in a form (latitude, longitude), or undefined when blank; text that is no number stays text for the command's check. */
export function formNumber(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}
