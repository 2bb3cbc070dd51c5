import { getLocale, getTranslations } from "next-intl/server";
import type { ErrorCode } from "@/server/errors";
import { one, type Query } from "./query";

export type LocaleKey = "zh-CN" | "en";

export async function localeKey(): Promise<LocaleKey> {
  return (await getLocale()) === "en" ? "en" : "zh-CN";
}

/** The outcome of the last form post on this page (?saved=1 or ?error=…&field=…&reason=…), announced to screen readers. */
export async function FormStatus({ query }: { query: Query }) {
  const t = await getTranslations("admin");
  const te = await getTranslations("errors");
  const error = one(query, "error");
  if (error) {
    const reason = one(query, "reason");
    const field = one(query, "field");
    const text =
      reason && t.has(`reasons.${reason}`) ? t(`reasons.${reason}` as "reasons.too_large") : te.has(error) ? te(error as "internal") : te("internal");
    const where = field && t.has(`fields.${field}`) ? t("fieldAt", { field: t(`fields.${field}` as "fields.name") }) : "";
    return (
      <div role="alert" className="alert">
        {text}
        {where ? ` ${where}` : ""}
      </div>
    );
  }
  if (one(query, "saved"))
    return (
      <p role="status" className="saved">
        {t("saved")}
      </p>
    );
  return null;
}

/** What a refused page shows instead of its content. */
export async function Denied({ code }: { code: ErrorCode }) {
  const t = await getTranslations("admin");
  const te = await getTranslations("errors");
  return (
    <div>
      <h1>{code === "not_found" ? t("notFoundTitle") : t("deniedTitle")}</h1>
      <p role="alert" className="alert">
        {te(code as "forbidden")}
      </p>
      <p>
        <a href="/admin">{t("backHome")}</a>
      </p>
    </div>
  );
}

/** The hidden field that brings a plain form post back to this page. */
export function Back({ to }: { to: string }) {
  return <input type="hidden" name="back" value={to} />;
}

export async function OrgNav({
  orgId,
  current,
}: {
  orgId: string;
  current: "overview" | "people" | "import" | "bodies" | "meetings" | "matters" | "accounts";
}) {
  const t = await getTranslations("admin");
  const links = [
    ["overview", `/admin/orgs/${orgId}`],
    ["people", `/admin/orgs/${orgId}/people`],
    ["import", `/admin/orgs/${orgId}/import`],
    ["bodies", `/admin/orgs/${orgId}/bodies`],
    ["meetings", `/admin/orgs/${orgId}/meetings`],
    ["matters", `/admin/orgs/${orgId}/matters`],
    ["accounts", `/admin/orgs/${orgId}/accounts`],
  ] as const;
  return (
    <nav aria-label={t("orgNav")}>
      <ul className="admin-nav">
        {links.map(([key, href]) => (
          <li key={key}>
            <a href={href} aria-current={key === current ? "page" : undefined}>
              {t(`nav.${key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
