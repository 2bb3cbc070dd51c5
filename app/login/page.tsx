import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/demoAccounts";
import { currentAccount } from "@/server/auth/session";
import { getRuntime } from "@/server/runtime";
import { loginErrorOf } from "./errors";
import { LoginForm } from "./LoginForm";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  if (await currentAccount()) redirect("/me");
  // Set by /api/login when the form was posted without JavaScript.
  const initialError = loginErrorOf((await searchParams).error);
  const t = await getTranslations("login");
  const demo = getRuntime().config.demo;
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <LoginForm demoAccounts={demo ? DEMO_ACCOUNTS.map((a) => ({ phone: a.phone, name: a.name, role: a.role })) : []} initialError={initialError} />
      {demo ? (
        <section className="notice" aria-labelledby="demo-title">
          <h2 id="demo-title">{t("demoTitle")}</h2>
          <p>{t("demoNote", { password: DEMO_PASSWORD })}</p>
        </section>
      ) : null}
    </div>
  );
}
