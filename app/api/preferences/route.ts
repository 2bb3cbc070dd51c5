import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ELDER_COOKIE, LOCALE_COOKIE, LOCALES } from "@/app/i18n/locales";
import { readForm, seeOther } from "@/server/http";

const schema = z.strictObject({ locale: z.enum(LOCALES).optional(), elder: z.enum(["0", "1"]).optional() });
const YEAR_S = 365 * 24 * 3600;

/** Language and 长辈版 switches: plain form posts, so they work even where the page's JavaScript did not load. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const data = await readForm(request).catch(() => null);
  if (!data) return NextResponse.json({ code: "invalid_input", message: "a form is expected" }, { status: 400 });
  const form = Object.fromEntries(data.entries());
  const parsed = schema.safeParse(form);
  if (!parsed.success) return NextResponse.json({ code: "invalid_input", message: "locale or elder" }, { status: 400 });
  const response = seeOther(backTo(request));
  const options = { path: "/", maxAge: YEAR_S, sameSite: "lax" as const, httpOnly: false };
  if (parsed.data.locale) response.cookies.set(LOCALE_COOKIE, parsed.data.locale, options);
  if (parsed.data.elder) response.cookies.set(ELDER_COOKIE, parsed.data.elder, options);
  return response;
}

/** Back to the page the switch was pressed on, never to another site. */
function backTo(request: NextRequest): string {
  const referer = request.headers.get("referer");
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return url.host === request.headers.get("host") ? url.pathname + url.search : "/";
  } catch {
    return "/";
  }
}
