"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "use-intl";
import { useState, type FormEvent } from "react";

type DemoAccount = { phone: string; name: string; role: string };

export function LoginForm({ demoAccounts }: { demoAccounts: DemoAccount[] }) {
  const t = useTranslations("login");
  const [phone, setPhone] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await signIn("credentials", { phone: phone.trim(), password, redirect: false });
      if (result?.ok && !result.error) {
        window.location.assign("/me");
        return;
      }
      setError(result?.error === "rate_limited" ? t("throttled") : result?.status === 401 || result?.error === "CredentialsSignin" ? t("failed") : t("unavailable"));
    } catch {
      setError(t("unavailable"));
    }
    setBusy(false);
  }

  return (
    <>
      <form onSubmit={submit} noValidate>
        <label htmlFor="phone">{t("phone")}</label>
        <input id="phone" name="phone" type="tel" inputMode="numeric" autoComplete="username" required
          aria-describedby="phone-hint" value={phone} onChange={(e) => setPhone(e.target.value)} />
        <div id="phone-hint" className="hint">{t("phoneHint")}</div>
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
          value={password} onChange={(e) => setPassword(e.target.value)} />
        {error ? <div role="alert" className="alert">{error}</div> : null}
        <p><button type="submit" disabled={busy}>{busy ? t("submitting") : t("submit")}</button></p>
      </form>
      {demoAccounts.length > 0 ? (
        <ul className="list-plain demo-accounts" aria-label={t("demoTitle")}>
          {demoAccounts.map((account) => (
            <li key={account.phone}>
              <button type="button" onClick={() => setPhone(account.phone)}>
                <span>{account.name} · {t(`demoRole.${account.role}` as "demoRole.admin")}</span>
                <span>{account.phone}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
