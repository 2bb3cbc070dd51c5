import { NextResponse } from "next/server";
import { AppError, isAppError } from "./errors";

/** Maps a command's result or error to JSON: `{ ok: true, data }` or `{ ok: false, error: { code, message, field } }`. */
export async function respond<T>(work: () => Promise<T>, status = 200): Promise<NextResponse> {
  try {
    return NextResponse.json({ ok: true, data: await work() }, { status, headers: { "cache-control": "no-store" } });
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    if (!isAppError(error)) console.error(error);
    return NextResponse.json({ ok: false, error: appError.toJSON() }, { status: appError.httpStatus, headers: { "cache-control": "no-store" } });
  }
}

/**
 * True unless a browser says the form was posted from another site: its Origin names another host than the one the
 * phone asked for (Host, or behind the proxy X-Forwarded-Host); "null" and unreadable origins count as foreign. Old
 * browsers send no Origin on a form post, and those are let through.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return false;
  }
}

/**
 * 303 to a path on this site. The Location stays relative: behind a proxy or on a hall's LAN the server cannot know
 * which host name the phone used, and the browser resolves a relative Location against the URL it requested.
 */
export function seeOther(pathAndQuery: string): NextResponse {
  const safe = pathAndQuery.startsWith("/") && !pathAndQuery.startsWith("//") ? pathAndQuery : "/";
  return new NextResponse(null, { status: 303, headers: { location: safe } });
}
