import { getTranslations } from "next-intl/server";
import { one, type Query } from "../../../admin/query";

/** The outcome of the last form post (`?done=…` or `?error=…&reason=…`), in words, for the implementation pages. */
export async function Status({ query }: { query: Query }) {
  const t = await getTranslations("implementation");
  const te = await getTranslations("errors");
  const error = one(query, "error");
  if (error) {
    const reason = one(query, "reason");
    const text = reason && t.has(`reasons.${reason}`) ? t(`reasons.${reason}` as "reasons.date") : te.has(error) ? te(error as "internal") : te("internal");
    return (
      <div role="alert" className="alert">
        {text}
      </div>
    );
  }
  const done = one(query, "done");
  if (done && t.has(`done.${done}`))
    return (
      <p role="status" className="saved">
        {t(`done.${done}` as "done.planned")}
      </p>
    );
  return null;
}
