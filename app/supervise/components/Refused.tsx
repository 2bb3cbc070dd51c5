import { getTranslations } from "next-intl/server";
import type { ErrorCode } from "@/server/errors";

/** What a refused viewer sees instead of the console: the reason in words, never the data. */
export async function Refused({ code }: { code: ErrorCode }) {
  const t = await getTranslations("supervise");
  const tErrors = await getTranslations("errors");
  return (
    <div>
      <h1>{t("refusedTitle")}</h1>
      <p className="alert" role="alert">
        {code === "forbidden" ? t("notSupervisor") : tErrors(code)}
      </p>
      <p>
        <a href="/supervise">{t("backToList")}</a>
      </p>
    </div>
  );
}
