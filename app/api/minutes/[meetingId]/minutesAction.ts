import type { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor, type Actor } from "@/server/commands/actor";
import { AppError, isAppError } from "@/server/errors";
import { isJsonRequest, readForm, readJsonObject, respond, seeOther } from "@/server/http";

type Fields = Record<string, string>;
type Done = "finalize" | "sign" | "correct" | "assisted" | "witness" | "witnessed";

/** `error=<code>`, and the reason when the command gave one, so that the page can say what exactly was wrong. */
export function errorQuery(error: unknown): string {
  if (!isAppError(error)) return "error=internal";
  const reason = error.details?.reason;
  return new URLSearchParams({ error: error.code, ...(typeof reason === "string" ? { reason } : {}) }).toString();
}

/**
 * One minutes step (finalize, sign, correct) as a route: a form post answers with a redirect back to the minutes
 * page (works without JavaScript); a JSON post answers `{ ok, data }`. The form must carry the confirmation tick.
 */
export async function minutesAction(
  request: Request,
  meetingId: string,
  done: Done | ((result: unknown) => Done),
  run: (actor: Actor, fields: Fields) => Promise<unknown>,
): Promise<NextResponse> {
  const account = await currentAccount();
  if (isJsonRequest(request)) {
    return respond(async () => {
      if (!account) throw new AppError("unauthenticated", "login required");
      const body = await readJsonObject(request);
      const fields = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"));
      return run(accountActor(account.id, account.name), fields);
    });
  }
  const back = `/meetings/${meetingId}/minutes`;
  if (!account) return seeOther("/login");
  const form = await readForm(request).catch(() => null);
  if (!form) return seeOther(`${back}?error=invalid_input`);
  const fields: Fields = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
  if (fields.confirm !== "yes") return seeOther(`${back}?error=invalid_input`);
  try {
    const result = await run(accountActor(account.id, account.name), fields);
    return seeOther(`${back}?done=${typeof done === "function" ? done(result) : done}`);
  } catch (error) {
    if (!isAppError(error)) console.error(error);
    return seeOther(`${back}?${errorQuery(error)}`);
  }
}
