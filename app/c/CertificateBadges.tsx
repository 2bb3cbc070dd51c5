import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { certificatePath } from "@/server/notice/links";
import type { PrintedCertificate } from "@/server/queries/certificate";
import "./[code]/certificate.css";

/**
 * The certificates of passed decisions on a web page (the decision notice, the minutes): a QR code the server drew
 * to /c/<code>, and the short ID written out with its link, for every decision.
 */
export async function CertificateBadges({ certificates, origin }: { certificates: readonly PrintedCertificate[]; origin: string }) {
  if (certificates.length === 0) return null;
  const t = await getTranslations("certificate");
  const items = await Promise.all(
    certificates.map(async (c) => {
      const url = `${origin}${certificatePath(c.code)}`;
      return { ...c, url, svg: await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 }) };
    }),
  );
  return (
    <section aria-labelledby="certificates-title" className="cert-badges">
      <h2 id="certificates-title">{t("printedLabel")}</h2>
      {items.map((item) => (
        <div className="cert-print" key={item.code}>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG QR code the server drew (qrcode) of our own URL */}
          <div role="img" aria-label={`${t("printedLabel")} ${item.code}`} dangerouslySetInnerHTML={{ __html: item.svg }} />
          <div>
            <p>
              {t("code")}：
              <a href={certificatePath(item.code)} className="cert-code" data-certificate-code={item.code}>
                {item.code}
              </a>
            </p>
            <p>{item.motion}</p>
            <p className="hint">{t("printedHint", { url: item.url })}</p>
          </div>
        </div>
      ))}
    </section>
  );
}
