import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import en from "../../messages/en.json";
import zhCN from "../../messages/zh-CN.json";
import { LOCALE_COOKIE, negotiateLocale, TIME_ZONE } from "./locales";

const MESSAGES = { "zh-CN": zhCN, en };

export default getRequestConfig(async () => {
  const locale = negotiateLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, messages: MESSAGES[locale], timeZone: TIME_ZONE };
});
