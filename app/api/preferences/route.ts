import { z } from "zod";
import { ELDER_COOKIE, LOCALE_COOKIE, LOCALES } from "@/app/i18n/locales";
import { AppError } from "@/server/errors";
import { seeOther } from "@/server/http";
import { writeRoute } from "@/server/web/writeRoute";

const schema = z.strictObject({ locale: z.enum(LOCALES).optional(), elder: z.enum(["0", "1"]).optional() });
const YEAR_S = 365 * 24 * 3600;

/** Back to the page the switch was pressed on, never to another site. */
function backTo(_params: unknown, request: Request): string {
  const referer = request.headers.get("referer");
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return url.host === request.headers.get("host") ? url.pathname + url.search : "/";
  } catch {
    return "/";
  }
}

/** Language and 长辈版 switches: plain form posts, so they work even where the page's JavaScript did not load. */
export const POST = writeRoute({
  anonymous: true,
  json: false,
  form: (f) => ({ locale: f.str("locale"), elder: f.str("elder") }),
  command: async (input) => {
    const parsed = schema.safeParse({ locale: input.locale, elder: input.elder });
    if (!parsed.success) throw new AppError("invalid_input", "locale or elder", { field: parsed.error.issues[0]?.path.join(".") });
    return parsed.data;
  },
  back: backTo,
  reply: (chosen, { back }) => {
    const response = seeOther(back);
    const options = { path: "/", maxAge: YEAR_S, sameSite: "lax" as const, httpOnly: false };
    if (chosen.locale) response.cookies.set(LOCALE_COOKIE, chosen.locale, options);
    if (chosen.elder) response.cookies.set(ELDER_COOKIE, chosen.elder, options);
    return response;
  },
});
