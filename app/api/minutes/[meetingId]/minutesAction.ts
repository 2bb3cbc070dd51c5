import type { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor, type Actor } from "@/server/commands/actor";
import { AppError, isAppError } from "@/server/errors";
import { isJsonRequest, readForm, readJsonObject, respond, seeOther } from "@/server/http";

type Fields = Record<string, string>;

/**
 * One minutes step (finalize, sign, correct) as a route: a form post answers with a redirect back to the minutes
 * page (works without JavaScript); a JSON post answers `{ ok, data }`. The form must carry the confirmation tick.
 */
export async function minutesAction(
  request: Request,
  meetingId: string,
  done: "finalize" | "sign" | "correct",
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
    await run(accountActor(account.id, account.name), fields);
    return seeOther(`${back}?done=${done}`);
  } catch (error) {
    if (!isAppError(error)) console.error(error);
    return seeOther(`${back}?error=${isAppError(error) ? error.code : "internal"}`);
  }
}
