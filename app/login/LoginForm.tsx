"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { useHydrated } from "@/app/components/useHydrated";
import type { LoginError } from "./errors";

type DemoAccount = { phone: string; name: string; role: string };

export function LoginForm({ demoAccounts, initialError = null }: { demoAccounts: DemoAccount[]; initialError?: LoginError | null }) {
  const t = useTranslations("login");
  const phoneInput = useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(initialError ? t(initialError) : null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read from the fields themselves: what was typed before the script ran counts too.
    const form = new FormData(event.currentTarget);
    const phone = String(form.get("phone") ?? "");
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    try {
      const result = await signIn("credentials", { phone: phone.trim(), password, redirect: false });
      if (result?.ok && !result.error) {
        window.location.assign("/me");
        return;
      }
      setError(
        result?.error === "rate_limited" ? t("throttled") : result?.status === 401 || result?.error === "CredentialsSignin" ? t("failed") : t("unavailable"),
      );
    } catch {
      setError(t("unavailable"));
    }
    setBusy(false);
  }

  return (
    <>
      {/* With the script, signIn below; without it (not loaded yet, or not at all) the browser posts the form to
          /api/login, which logs in the same way. POST, never GET: no phone number or password ever goes into a URL. */}
      <form method="post" action="/api/login" onSubmit={submit} noValidate>
        <label htmlFor="phone">{t("phone")}</label>
        <input id="phone" name="phone" type="tel" inputMode="numeric" autoComplete="username" required aria-describedby="phone-hint" ref={phoneInput} />
        <div id="phone-hint" className="hint">
          {t("phoneHint")}
        </div>
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {error ? (
          <div role="alert" className="alert">
            {error}
          </div>
        ) : null}
        <p>
          <button type="submit" disabled={busy}>
            {busy ? t("submitting") : t("submit")}
          </button>
        </p>
      </form>
      {demoAccounts.length > 0 ? (
        <ul className="list-plain demo-accounts" aria-label={t("demoTitle")}>
          {demoAccounts.map((account) => (
            <li key={account.phone}>
              <button
                type="button"
                disabled={!hydrated}
                onClick={() => {
                  if (phoneInput.current) phoneInput.current.value = account.phone;
                }}
              >
                <span>
                  {account.name} · {t(`demoRole.${account.role}` as "demoRole.admin")}
                </span>
                <span>{account.phone}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
