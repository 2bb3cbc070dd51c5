import { getLocale, getTranslations } from "next-intl/server";
import { issueLoginTokens } from "@/server/commands/account/issueLoginTokens";
import { getRuntime } from "@/server/runtime";
import { writeRoute } from "@/server/web/writeRoute";
import { renderSheet } from "./sheet";

/** The site's address as the admin's browser reached it (or YISHI_PUBLIC_ORIGIN): the codes must work on phones. */
function originOf(request: Request): string {
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
export const POST = writeRoute({
  params: ["bodyId"],
  body: "none",
  form: () => ({}),
  command: (input, actor) => issueLoginTokens({ bodyId: input.bodyId }, actor),
  back: ({ bodyId }) => `/admin/bodies/${encodeURIComponent(bodyId)}`,
  reply: async (sheet, { request }) => {
    const t = await getTranslations("qrSheet");
    const html = await renderSheet(sheet, originOf(request), await getLocale(), (key, values) => t(key as "title", values), request.headers.get("x-nonce"));
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" } });
  },
});
