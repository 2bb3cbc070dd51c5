import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { passwordForm } from "@/server/queries/loginCode";
import "../../../admin/admin.css";

export const dynamic = "force-dynamic";

const ERRORS = ["too_short", "weak", "current_password", "rate_limited", "pin_not_allowed", "mismatch", "invalid_input", "internal", "unavailable"] as const;

/**
 * After a QR code login: choose a password (8 characters or more, not guessable) or, here only, a 6-digit PIN. An
 * account that already has a password and did not just use a code must give it first (issue #17).
 */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await currentAccount();
  if (!account) redirect("/login");
  const t = await getTranslations("qrLogin");
  const error = (await searchParams).error;
  const errorKey = ERRORS.find((key) => key === error);
  const { askCurrent } = await passwordForm(account.id);
  return (
    <div className="stack">
      <h1>{t("passwordTitle")}</h1>
      <p>{t("passwordHello", { name: account.name })}</p>
      <p>{t("passwordExplain")}</p>
      {errorKey ? (
        <p role="alert" className="alert">
          {t(`error.${errorKey}`)}
        </p>
      ) : null}
      <form method="post" action="/login/qr/password/save">
        {askCurrent ? (
          <>
            <label htmlFor="currentPassword">{t("currentPassword")}</label>
            <input id="currentPassword" name="currentPassword" type="password" required autoComplete="current-password" />
          </>
        ) : null}
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" required autoComplete="new-password" aria-describedby="password-hint" />
        <div id="password-hint" className="hint">
          {t("passwordHint")}
        </div>
        <label htmlFor="confirm">{t("confirm")}</label>
        <input id="confirm" name="confirm" type="password" required autoComplete="new-password" />
        <p>
          <button type="submit">{t("save")}</button>
        </p>
      </form>
    </div>
  );
}
