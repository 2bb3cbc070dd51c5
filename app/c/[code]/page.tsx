import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { formatYuan } from "@/server/domain/implementation/progress";
import { BODY_RULES, MATTER_RULES } from "@/server/domain/rules";
import { certificateFilePath } from "@/server/notice/links";
import { certificatePage } from "@/server/queries/certificate";
import { load } from "@/server/web/loadPage";
import { CertificateVerifier, type VerifierWords } from "./CertificateVerifier";
import "./certificate.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("certificate");
  return { title: t("title") };
}

type Localized = { "zh-CN": string; en: string };
const named = (table: Record<string, { name: Localized }>, key: unknown, locale: "zh-CN" | "en") =>
  typeof key === "string" && Object.hasOwn(table, key) ? (table[key]?.name[locale] ?? key) : String(key);

const WHY = [
  "malformed",
  "bad_log_key",
  "bad_witness_key",
  "not_signed_by_log",
  "bad_signature",
  "bad_cosignature",
  "bad_entry",
  "wrong_index",
  "wrong_log",
  "not_included",
  "wrong_entry",
  "other_decision",
] as const;
const FIELDS = [
  "code",
  "org",
  "body",
  "bodyKind",
  "meetingNumber",
  "meetingTitle",
  "meetingDate",
  "decidedOn",
  "matter",
  "matterKind",
  "motion",
  "yes",
  "no",
  "abstain",
  "passed",
  "ruleBody",
  "ruleKind",
  "needed",
  "capFen",
  "statement",
] as const;

/**
 * /c/<code>: a passed decision's certificate, for anyone who scans the QR code on the notice or the minutes (no
 * login). It states the decision, body, date, vote, rule and amount cap, and the browser checks them itself against
 * the organization's signed log (CertificateVerifier), so the verdict does not rest on this server's say-so.
 */
export default async function CertificatePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const t = await getTranslations("certificate");
  const tf = await getTranslations("certificateFields");
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  const loaded = await load(() => certificatePage(code));
  if (!loaded.ok) {
    return (
      <div className="stack">
        <h1>{t("title")}</h1>
        <p role="alert" className="alert">
          {loaded.code === "unavailable" ? t("unavailable") : t("notFound")}
        </p>
      </div>
    );
  }
  const { certificate, logKeys, witnessKeys } = loaded.data;
  const s = certificate.statement;
  const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
  const capLine =
    typeof s.capFen === "string" && /^\d+$/.test(s.capFen)
      ? t("capLine", { amount: formatYuan(BigInt(s.capFen)) })
      : certificate.plan
        ? t("capNone")
        : t("capNoPlan");
  const words: VerifierWords = {
    checking: t("checking"),
    verified: t("verified"),
    verifiedDetail: t("verifiedDetail", { org: text(s.org) }),
    witnessed: t("witnessed", { names: "{names}" }),
    failedTitle: t("failedTitle"),
    failedField: t("failedField", { field: "{field}" }),
    failedDecision: t("failedDecision", { why: "{why}" }),
    failedPlan: t("failedPlan", { why: "{why}" }),
    failedFormat: t("failedFormat"),
    why: Object.fromEntries(WHY.map((key) => [key, t(`why.${key}`)])),
    fields: Object.fromEntries(FIELDS.map((key) => [key, tf(key)])),
    whatToDo: t("whatToDo"),
    offline: t("offline"),
    again: t("again"),
    timing: t("timing", { ms: "{ms}" }),
  };
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <dl className="cert-facts">
        <dt>{t("code")}</dt>
        <dd className="cert-code">{text(s.code)}</dd>
        <dt>{t("org")}</dt>
        <dd>{text(s.org)}</dd>
        <dt>{t("matter")}</dt>
        <dd>{text(s.matter)}</dd>
        <dt>{t("motion")}</dt>
        <dd className="cert-motion">{text(s.motion)}</dd>
        <dt>{t("body")}</dt>
        <dd>{text(s.body)}</dd>
        <dt>{t("meeting")}</dt>
        <dd>{t("meetingLine", { number: text(s.meetingNumber), title: text(s.meetingTitle), date: text(s.meetingDate) })}</dd>
        <dt>{t("decidedOn")}</dt>
        <dd>{text(s.decidedOn)}</dd>
        <dt>{t("vote")}</dt>
        <dd>{t("voteLine", { yes: text(s.yes), no: text(s.no), abstain: text(s.abstain) })}</dd>
        <dt>{t("rule")}</dt>
        <dd>{t("ruleLine", { body: named(BODY_RULES, s.ruleBody, locale), kind: named(MATTER_RULES, s.ruleKind, locale), needed: text(s.needed) })}</dd>
        <dt>{t("cap")}</dt>
        <dd>{capLine}</dd>
      </dl>
      <CertificateVerifier certificate={certificate} logKeys={logKeys} witnessKeys={witnessKeys} words={words} />
      <p>
        <a href={certificateFilePath(text(s.code))}>{t("file")}</a>
      </p>
      <p className="hint">{t("fileHint")}</p>
    </div>
  );
}
