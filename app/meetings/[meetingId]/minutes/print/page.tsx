import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { currentAccount } from "@/server/auth/session";
import { witnessLine } from "@/server/domain/township/participation";
import { chinaDateTime } from "@/server/minutes/format";
import { isWeChat, minutesQrContent, publicOrigin } from "@/server/minutes/qrContent";
import { signatureLines } from "@/server/minutes/signatureLines";
import { meetingCertificates } from "@/server/queries/certificate";
import { minutesExport } from "@/server/queries/minutesVersions";
import { getRuntime } from "@/server/runtime";
import { CertificateBadges } from "../../../../c/CertificateBadges";
import { signatureWords } from "../signatureWords";
import { PrintButton } from "./PrintButton";
import "../minutes.css";

export const dynamic = "force-dynamic";

/**
 * The print version of a finalized version (the latest, or ?v=N): the frozen canonical text, its SHA-256, the
 * signatures and the QR code of the latest audit checkpoint. WeChat users land here from the PDF link.
 */
export default async function MinutesPrintPage({ params, searchParams }: { params: Promise<{ meetingId: string }>; searchParams: Promise<{ v?: string }> }) {
  const { meetingId } = await params;
  const { v } = await searchParams;
  const account = await currentAccount();
  const data = await minutesExport(account?.id ?? null, meetingId);
  if (!data) notFound();
  const t = await getTranslations("minutes");
  const requestHeaders = await headers();
  const version = v ? data.versions.find((x) => String(x.version) === v) : data.versions[data.versions.length - 1];
  const base = `/meetings/${meetingId}/minutes`;
  if (!version) {
    return (
      <div className="minutes-print">
        <p>{t("print.notFinalized")}</p>
        <a href={base}>{t("links.back")}</a>
      </div>
    );
  }
  const url = `${publicOrigin(getRuntime().config.publicOrigin, requestHeaders)}${base}/print?v=${version.version}`;
  const qr = await QRCode.toString(minutesQrContent({ checkpointNote: data.checkpoint?.note ?? null, sha256: version.sha256, url }), {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 1,
  });
  const words = await signatureWords();
  const lines = signatureLines(data.required, version.signatures, words);
  return (
    <article className="minutes-print">
      {isWeChat(requestHeaders.get("user-agent")) ? (
        <p className="wechat-hint" role="note">
          {t("print.wechatHint")}
        </p>
      ) : null}
      <p className="no-print minutes-links">
        <a href={base}>{t("links.back")}</a>
        <PrintButton label={t("print.printButton")} />
      </p>
      <h1>{t("print.title", { version: version.version })}</h1>
      <p>
        {data.meeting.orgName} · {data.meeting.bodyName} {data.meeting.number}
      </p>
      {version.reason ? <p>{t("status.correction", { reason: version.reason })}</p> : null}
      <pre lang="zh-CN">{version.text}</pre>
      <h2>{t("print.signatures")}</h2>
      <ul className="signature-lines">
        {lines.map((line) => (
          <li key={line.personId}>
            {line.name}（{line.role}）：{line.signed ?? <span className="sign-here">{words.signHere}</span>}
          </li>
        ))}
        {version.townshipWitnesses.map((w) => (
          <li key={`witness-${w.name}-${w.signedAt}`}>
            {witnessLine(w)}：{chinaDateTime(w.signedAt)}签字
          </li>
        ))}
      </ul>
      <p>
        {t("status.hash")}：<code className="hash">{version.sha256}</code>
      </p>
      <CertificateBadges certificates={await meetingCertificates(meetingId)} origin={publicOrigin(getRuntime().config.publicOrigin, requestHeaders)} />
      <figure className="qr">
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the checkpoint QR code is an SVG the server drew (qrcode), no user text */}
        <div role="img" aria-label={t("print.checkpoint")} dangerouslySetInnerHTML={{ __html: qr }} />
        <figcaption className="hint">{data.checkpoint ? t("print.checkpointNote", { size: data.checkpoint.size }) : t("print.noCheckpoint")}</figcaption>
      </figure>
    </article>
  );
}
