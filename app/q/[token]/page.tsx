import { getTranslations } from "next-intl/server";
import { loginCodeView } from "@/server/queries/loginCode";
import "../../admin/admin.css";
import { TIME_ZONE } from "@/app/i18n/locales";

export const dynamic = "force-dynamic";

/**
 * What a printed login code opens. Looking does not use the code (chat apps fetch links to preview them); the
 * member taps the button, which logs them in and asks for a password. Used or expired codes say so in words.
 */
export default async function QrLoginPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("qrLogin");
  const { state, name, resetAt } = await loginCodeView(token);
  if (state !== "valid") {
    return (
      <div className="stack">
        <h1>{t("title")}</h1>
        <p role="alert" className="alert">
          {t(`state.${state}`)}
        </p>
        <p>{t("askAdmin")}</p>
        <p>
          <a href="/login">{t("toLogin")}</a>
        </p>
      </div>
    );
  }
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p>{t("hello", { name: name ?? "" })}</p>
      {resetAt ? (
        <p role="alert" className="alert">
          {t("resetNotice", { date: resetAt.toLocaleString("zh-CN", { timeZone: TIME_ZONE }) })}
        </p>
      ) : null}
      <p>{t("explain")}</p>
      <form method="post" action="/login/qr">
        <input type="hidden" name="token" value={token} />
        <p>
          <button type="submit">{t("submit")}</button>
        </p>
      </form>
      <p className="hint">{t("notYou")}</p>
    </div>
  );
}
