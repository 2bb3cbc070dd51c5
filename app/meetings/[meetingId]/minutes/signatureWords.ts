import { getTranslations } from "next-intl/server";
import type { Locale } from "@/app/i18n/locales";
import { chinaDateTime } from "@/server/minutes/format";
import type { LineWords } from "@/server/minutes/signatureLines";

/**
 * The words of the printed signature lines. The record is Chinese whatever the reader's language, so the PDFs ask
 * for zh-CN; the pages follow the reader. Times are China time, as everywhere in the record.
 */
export async function signatureWords(locale?: Locale): Promise<LineWords & { signHere: string }> {
  const t = locale ? await getTranslations({ locale, namespace: "signoff" }) : await getTranslations("signoff");
  const roles = new Set(["chair", "recorder", "attendee"]);
  return {
    role: (role) => (roles.has(role) ? t(`role.${role as "chair"}`) : role),
    method: (method, witnesses) => t(`method.${method}`, { witnesses }),
    when: chinaDateTime,
    scan: (hash) => t("scanHash", { hash }),
    signHere: t("sheet.signature"),
  };
}
