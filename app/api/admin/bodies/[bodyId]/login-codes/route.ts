import type { NextRequest } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { issueLoginTokens, type LoginSheet } from "@/server/commands/account/issueLoginTokens";
import { currentAccount } from "@/server/auth/session";
import { accountActor } from "@/server/commands/actor";
import { AppError, isAppError } from "@/server/errors";
import { isJsonRequest, respond, seeOther } from "@/server/http";
import { getRuntime } from "@/server/runtime";
import { withQuery } from "../../../post";
import { renderSheet } from "./sheet";

/** The site's address as the admin's browser reached it (or YISHI_PUBLIC_ORIGIN): the codes must work on phones. */
function originOf(request: NextRequest): string {
  const configured = getRuntime().config.publicOrigin;
  if (configured) return configured.replace(/\/$/, "");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? "127.0.0.1";
  const proto = request.headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

/**
 * Issues a sheet of one-time login codes for a body's members. JSON callers get the codes as data; a form post
 * gets a print-ready page. The codes are never stored in clear, so this answer is the only place they appear.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ bodyId: string }> }) {
  const { bodyId } = await params;
  const account = await currentAccount();
  const actor = account ? accountActor(account.id, account.name) : null;
  if (isJsonRequest(request)) {
    return respond(async () => {
      if (!actor) throw new AppError("unauthenticated", "login required");
      return issueLoginTokens({ bodyId }, actor);
    });
  }
  if (!actor) return seeOther("/login");
  let sheet: LoginSheet;
  try {
    sheet = await issueLoginTokens({ bodyId }, actor);
  } catch (error) {
    const code = isAppError(error) ? (error as AppError).code : "internal";
    return seeOther(withQuery(`/admin/bodies/${encodeURIComponent(bodyId)}`, { error: code }));
  }
  const t = await getTranslations("qrSheet");
  const locale = await getLocale();
  const html = await renderSheet(sheet, originOf(request), locale, (key, values) => t(key as "title", values), request.headers.get("x-nonce"));
  return new Response(html, {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}
