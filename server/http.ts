import { NextResponse } from "next/server";
import { toAppError } from "./commands/run";
import { AppError } from "./errors";

/** Maps a command's result or error to JSON: `{ ok: true, data }` or `{ ok: false, error: { code, message, field } }`. */
export async function respond<T>(work: () => Promise<T>, status = 200): Promise<NextResponse> {
  try {
    return NextResponse.json({ ok: true, data: await work() }, { status, headers: { "cache-control": "no-store" } });
  } catch (error) {
    // The commands' mapping: a busy or unreachable database is the retryable `unavailable`, not a 500.
    const appError = toAppError(error);
    return NextResponse.json({ ok: false, error: appError.toJSON() }, { status: appError.httpStatus, headers: { "cache-control": "no-store" } });
  }
}

/**
 * The media type of a request body (RFC 9110 §8.3.1): `type/subtype` before any parameters, lower-cased; "" when
 * absent or malformed. A JSON body must say exactly application/json: `text/plain;application/json`, which a foreign
 * page can send without a CORS preflight, is text/plain.
 */
export function mediaTypeOf(request: Request): string {
  const essence = (request.headers.get("content-type") ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(essence) ? essence : "";
}

export function isJsonRequest(request: Request): boolean {
  return mediaTypeOf(request) === "application/json";
}

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * The body of an HTTP write as JSON (a plain object) or a form, by its declared media type; anything else, or a body
 * that does not parse as what it claims, is the typed `invalid_input` — never a 500. Same origin and the size limit
 * were checked before the body was read (server/web/requestGate.ts).
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  if (!isJsonRequest(request)) throw new AppError("invalid_input", "the body must be application/json", { field: "content-type" });
  const body: unknown = await request.json().catch(() => {
    throw new AppError("invalid_input", "the body is not JSON");
  });
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("invalid_input", "the body must be a JSON object");
  return body as Record<string, unknown>;
}

export async function readForm(request: Request): Promise<FormData> {
  if (!FORM_TYPES.has(mediaTypeOf(request))) throw new AppError("invalid_input", "the body must be a form", { field: "content-type" });
  return request.formData().catch(() => {
    throw new AppError("invalid_input", "the form cannot be read");
  });
}

/**
 * 303 to a path on this site. The Location stays relative: behind a proxy or on a hall's LAN the server cannot know
 * which host name the phone used, and the browser resolves a relative Location against the URL it requested.
 */
export function seeOther(pathAndQuery: string): NextResponse {
  const safe = pathAndQuery.startsWith("/") && !pathAndQuery.startsWith("//") ? pathAndQuery : "/";
  return new NextResponse(null, { status: 303, headers: { location: safe } });
}
