import { getTranslations } from "next-intl/server";
import { receiptPage } from "@/server/queries/receiptPage";
import { load } from "@/server/web/loadPage";
import { ReceiptVerifier } from "./ReceiptVerifier";
import "./receipt.css";

export const dynamic = "force-dynamic";

/**
 * /r/<token>: a named vote's receipt, for whoever holds the link or its QR code (no login). The page carries the
 * entry, its proof, the signed checkpoint and the log's keys; the browser checks them itself (ReceiptVerifier), so
 * the words it shows do not rest on this server's say-so, and the check works with the network cut.
 */
export default async function ReceiptPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("receipt.page");
  const loaded = await load(() => receiptPage(token));
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
  const data = loaded.data;
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <ul className="receipt-facts">
        <li>{t("meeting", { number: data.meetingNumber, title: data.meetingTitle })}</li>
        <li>{t("motion", { item: data.itemTitle })}</li>
        {data.motionText && data.motionText !== data.itemTitle ? <li>{t("motionText", { text: data.motionText })}</li> : null}
        <li>{t("voter", { name: data.voterName })}</li>
      </ul>
      <noscript>
        <p className="alert">{t("noScript")}</p>
      </noscript>
      <ReceiptVerifier proof={data.proof} logKeys={data.logKeys} witnessKeys={data.witnessKeys} checkpointSignedAt={data.checkpointSignedAt.toISOString()} />
      <details className="card">
        <summary>{t("technical")}</summary>
        <p className="hint">{t("technicalHint")}</p>
        <p>{t("logKey")}</p>
        <pre className="receipt-proof">{data.logKeys.join("\n")}</pre>
        <pre className="receipt-proof">{data.proof}</pre>
      </details>
    </div>
  );
}
