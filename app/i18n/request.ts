import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "../../messages";
import { LOCALE_COOKIE, negotiateLocale, TIME_ZONE } from "./locales";

export default getRequestConfig(async () => {
  const locale = negotiateLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, messages: loadMessages(locale), timeZone: TIME_ZONE };
});
