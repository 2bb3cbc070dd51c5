"use client";

import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { readSavedTrackers, type SavedTracker } from "../savedTrackers";

/** The trackers this device kept for one meeting, each with a QR code of the public list's address and the tracker. */
export function MyTrackers({ meetingId }: { meetingId: string }) {
  const t = useTranslations("trackers");
  const [saved, setSaved] = useState<(SavedTracker & { qr: string; url: string })[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    const mine = readSavedTrackers().filter((s) => s.meetingId === meetingId);
    void Promise.all(
      mine.map(async (s) => {
        const url = `${window.location.origin}/meetings/${encodeURIComponent(meetingId)}/trackers#${s.tracker}`;
        const qr = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
        return { ...s, url, qr };
      }),
    ).then((withQr) => {
      if (!cancelled) setSaved(withQr);
    });
    return () => {
      cancelled = true;
    };
  }, [meetingId]);
  if (saved === null) return null;
  if (saved.length === 0) return <p className="card">{t("mineNone")}</p>;
  return (
    <>
      {saved.map((s) => (
        <section key={s.motionId} className="tracker-mine" aria-label={t("motion", { motion: s.motionText })}>
          <h2>{t("motion", { motion: s.motionText })}</h2>
          <p>
            {t("yourTracker")}：<span className="tracker-code">{s.tracker}</span>
          </p>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG QR code drawn in this browser by qrcode from the tracker (letters and digits) */}
          <div className="tracker-qr" role="img" aria-label={t("qrLabel", { tracker: s.tracker })} dangerouslySetInnerHTML={{ __html: s.qr }} />
          <p>
            <a href={s.url}>{t("checkList")}</a>
          </p>
        </section>
      ))}
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t("print")}
        </button>
      </p>
    </>
  );
}
