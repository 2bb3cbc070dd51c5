import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { currentAccount } from "@/server/auth/session";
import { myOrganizations } from "@/server/queries/myOrganizations";
import { clientMessages } from "./i18n/clientMessages";
import { ELDER_COOKIE, isLocale } from "./i18n/locales";
import "./globals.css";

export const metadata: Metadata = { title: "议事 Yishi", description: "村社两级重要事项决策" };
// Pinch zoom stays allowed: elderly readers zoom (WCAG 1.4.4).
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // Only what client components translate goes to the browser, compiled; server components read the catalog on the server.
  const messages = clientMessages(isLocale(locale) ? locale : "zh-CN");
  const t = await getTranslations("nav");
  const tApp = await getTranslations("app");
  const elder = (await cookies()).get(ELDER_COOKIE)?.value === "1";
  const account = await currentAccount();
  const roles = account ? (await myOrganizations(account.id)).flatMap((org) => org.roles) : [];
  const navItems = (
    <>
      {account ? <a href="/me">{t("myMeetings")}</a> : null}
      {roles.includes("admin") ? <a href="/admin">{t("admin")}</a> : null}
      {roles.includes("supervisor") ? <a href="/supervise">{t("supervise")}</a> : null}
      {roles.includes("supervisor") ? <a href="/notices/objections">{t("objections")}</a> : null}
      <a href="/n">{t("notices")}</a>
      <form method="post" action="/api/preferences">
        <input type="hidden" name="elder" value={elder ? "0" : "1"} />
        <button type="submit" className="secondary" aria-label={t("elderLabel")}>
          {elder ? t("elderOff") : t("elderOn")}
        </button>
      </form>
      <form method="post" action="/api/preferences">
        <input type="hidden" name="locale" value={locale === "en" ? "zh-CN" : "en"} />
        <button type="submit" className="secondary" aria-label={t("languageLabel")} lang={locale === "en" ? "zh-CN" : "en"}>
          {t("language")}
        </button>
      </form>
      {account ? (
        <form method="post" action="/api/logout">
          <button type="submit" className="secondary">
            {t("logout")}
          </button>
        </form>
      ) : null}
    </>
  );
  return (
    <html lang={locale} className={elder ? "elder" : undefined}>
      <body>
        <a className="skip" href="#main">
          {tApp("skipToContent")}
        </a>
        <header className="topbar">
          <a className="brand" href="/">
            {tApp("name")}
          </a>
          {elder ? (
            // 长辈版 on a phone: the larger buttons would take a fifth of the screen, so they fold into one menu button.
            <details className="topbar-menu">
              <summary className="button secondary">{t("menu")}</summary>
              <div className="topbar-menu-items">{navItems}</div>
            </details>
          ) : (
            navItems
          )}
        </header>
        <main id="main">
          <NextIntlClientProvider locale={locale} messages={messages}>
            {children}
          </NextIntlClientProvider>
        </main>
        <footer className="footer">
          <a href="/privacy">{t("privacy")}</a>
        </footer>
      </body>
    </html>
  );
}
