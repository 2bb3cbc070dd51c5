import { getTranslations } from "next-intl/server";
import { noticePath } from "@/server/notice/links";
import { one, type Query } from "./viewer";

const DESK_REASONS = [
  "stage",
  "no_decision",
  "already_published",
  "superseded",
  "personal_data",
  "too_long",
  "empty",
  "not_decider",
  "kind_mismatch",
  "other_matter",
  "already_linked",
] as const;
const FIELD_KEYS = ["confirm", "noticeDays", "periodDays"] as const;

/** The outcome of the last desk form (?done=published:<id> or ?error=…&field=…&reason=…), announced to screen readers. */
export async function DeskFlash({ query, orgId }: { query: Query; orgId: string }) {
  const t = await getTranslations("noticeDesk");
  const te = await getTranslations("errors");
  const done = one(query, "done");
  if (done) {
    const [kind, id] = done.split(":");
    const key = kind === "published" || kind === "corrected" || kind === "days" || kind === "linked" ? kind : null;
    if (!key) return null;
    return (
      <p role="status" className="nb-ok">
        {t(`done.${key}`)} {id ? <a href={noticePath(orgId, id)}>{t("openNotice")}</a> : null}
      </p>
    );
  }
  const error = one(query, "error");
  if (!error) return null;
  const reason = DESK_REASONS.find((r) => r === one(query, "reason"));
  const field = FIELD_KEYS.find((f) => f === one(query, "field"));
  const text = reason ? t(`errors.${reason}`) : field ? t(`errors.${field}`) : te.has(error) ? te(error as "internal") : te("internal");
  return (
    <div role="alert" className="alert">
      {text}
    </div>
  );
}
