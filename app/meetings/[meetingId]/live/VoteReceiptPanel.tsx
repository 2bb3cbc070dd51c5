"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import "../../../r/[token]/receipt.css";

type Link = { path: string; url: string; qrSvg: string };

/**
 * After a named vote is recorded: 「查看回执」 (the receipt page, no download, no login needed to open it later), the
 * page's QR code drawn by the server, and the raw .tlog-proof text (shown inline) for verify.mjs. `choice` is the
 * recorded choice, so a changed vote fetches the receipt of the new entry.
 */
export function VoteReceiptPanel({ motionId, choice }: { motionId: string; choice: string | null }) {
  const t = useTranslations("receipt.phone");
  const [link, setLink] = useState<Link | "failed" | null>(null);
  useEffect(() => {
    let cancelled = false;
    setLink(null);
    fetch(`/api/audit/receipt/link?motionId=${encodeURIComponent(motionId)}&c=${encodeURIComponent(choice ?? "")}`, { cache: "no-store" })
      .then((response) => response.json() as Promise<{ ok: boolean; data?: Link }>)
      .then((body) => {
        if (!cancelled) setLink(body.ok && body.data ? body.data : "failed");
      })
      .catch(() => {
        if (!cancelled) setLink("failed");
      });
    return () => {
      cancelled = true;
    };
  }, [motionId, choice]);

  return (
    <section className="panel" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t("title")}</h2>
      {link === null ? <p>{t("loading")}</p> : null}
      {link === "failed" ? <p className="alert">{t("failed")}</p> : null}
      {link !== null && link !== "failed" ? (
        <>
          <p>
            <a className="button" href={link.path}>
              {t("view")}
            </a>
          </p>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG QR code drawn by our server (qrcode) from the receipt page's address */}
          <div className="receipt-qr" role="img" aria-label={t("qrLabel")} dangerouslySetInnerHTML={{ __html: link.qrSvg }} />
          <p className="hint">{t("qrHint")}</p>
        </>
      ) : null}
      <p>
        <a href={`/api/audit/receipt?motionId=${encodeURIComponent(motionId)}`} target="_blank" rel="noopener">
          {t("file")}
        </a>
      </p>
    </section>
  );
}
