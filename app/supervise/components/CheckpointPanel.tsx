import { getFormatter, getTranslations } from "next-intl/server";
import type { ConsoleCheckpoint } from "@/server/queries/auditConsole";

/** The latest signed checkpoint: its facts, a QR code of the whole note to print in paper minutes, and the note. */
export async function CheckpointPanel({ checkpoint, printHref }: { checkpoint: ConsoleCheckpoint | null; printHref?: string }) {
  const t = await getTranslations("supervise");
  const format = await getFormatter();
  if (!checkpoint) return <p>{t("checkpointNone")}</p>;
  const when = format.dateTime(checkpoint.signedAt, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const qr = `data:image/svg+xml;base64,${Buffer.from(checkpoint.qrSvg).toString("base64")}`;
  return (
    <div className="checkpoint">
      <p>{t("checkpointFacts", { size: checkpoint.size, when })}</p>
      <dl className="facts">
        <dt>{t("origin")}</dt>
        <dd className="mono">{checkpoint.origin}</dd>
        <dt>{t("root")}</dt>
        <dd className="mono">{checkpoint.rootBase64}</dd>
      </dl>
      <img className="qr" src={qr} width={240} height={240} alt={t("qrAlt", { origin: checkpoint.origin, size: checkpoint.size })} />
      <p className="hint">{t("qrHint")}</p>
      {printHref ? (
        <p>
          <a href={printHref}>{t("printPage")}</a>
        </p>
      ) : null}
      <details>
        <summary>{t("noteTitle")}</summary>
        <pre className="mono">{checkpoint.note}</pre>
      </details>
    </div>
  );
}
