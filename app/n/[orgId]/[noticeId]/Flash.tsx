import { getTranslations } from "next-intl/server";
import { OBJECTION_MAX, OBJECTIONS_PER_DAY } from "@/server/notice/text";

const REASONS = ["window_closed", "daily_cap", "too_long", "empty", "not_resident", "superseded"] as const;

/** The outcome of the last objection form post (?done=filed or ?error=…&reason=…), announced to screen readers. */
export async function ObjectionFlash({ done, error, reason }: { done?: string; error?: string; reason?: string }) {
  const t = await getTranslations("notices");
  const te = await getTranslations("errors");
  if (done === "filed")
    return (
      <p role="status" className="nb-ok">
        {t("filed")}
      </p>
    );
  if (!error) return null;
  const known = REASONS.find((r) => r === reason);
  const text = known
    ? t(`errors.${known}`, { max: known === "daily_cap" ? OBJECTIONS_PER_DAY : OBJECTION_MAX })
    : te.has(error)
      ? te(error as "internal")
      : te("internal");
  return (
    <div role="alert" className="alert">
      {text}
      {error === "unauthenticated" ? (
        <>
          {" "}
          <a href="/login">{t("loginLink")}</a>
        </>
      ) : null}
    </div>
  );
}
