import { getTranslations } from "next-intl/server";
import type { Locale } from "@/app/i18n/locales";
import { chinaDateTime } from "@/server/minutes/format";
import { type SignatureLine, signatureLines } from "@/server/minutes/signatureLines";
import { minutesExport } from "@/server/queries/minutesVersions";
import { signatureWords } from "../signatureWords";

export type SheetData = {
  meetingId: string;
  title: string;
  subtitle: string;
  statement: string;
  isFinalized: boolean;
  rows: SignatureLine[];
  footer: string;
  labels: { number: string; name: string; role: string; signature: string; recorded: string; page: string; back: string; print: string; wechatHint: string };
};

/**
 * The sign-in sheet of a meeting as plain data, for its page and its PDF: every required signer (chair, recorder,
 * attendees) and, once the minutes are finalized, the version and checksum the signatures confirm. Null when the
 * meeting does not exist or the viewer may not read its minutes.
 */
export async function sheetData(accountId: string | null, meetingId: string, locale?: Locale): Promise<SheetData | null> {
  const data = await minutesExport(accountId, meetingId);
  if (!data) return null;
  const t = locale ? await getTranslations({ locale, namespace: "signoff" }) : await getTranslations("signoff");
  const latest = data.versions[data.versions.length - 1];
  const words = await signatureWords(locale);
  const { meeting } = data;
  return {
    meetingId,
    title: `${meeting.bodyName} ${meeting.number} ${t("sheet.title")}`,
    subtitle: `${meeting.orgName} · ${chinaDateTime(meeting.startsAt)} · ${meeting.place}`,
    statement: latest ? t("sheet.forVersion", { version: latest.version, hash: latest.sha256 }) : t("sheet.beforeFinalize"),
    isFinalized: latest !== undefined,
    rows: signatureLines(data.required, latest?.signatures ?? [], words),
    footer: t("sheet.footer"),
    labels: {
      number: t("sheet.number"),
      name: t("sheet.name"),
      role: t("sheet.roleColumn"),
      signature: t("sheet.signature"),
      recorded: t("sheet.recorded"),
      page: t.raw("sheet.page") as string,
      back: t("sheet.back"),
      print: t("sheet.print"),
      wechatHint: t("sheet.wechatHint"),
    },
  };
}
