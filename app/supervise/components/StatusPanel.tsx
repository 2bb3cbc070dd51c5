import { getTranslations } from "next-intl/server";
import type { LogStatus } from "@/server/queries/auditExports";

/** Green or red, in words and with a symbol (never colour alone), with the verifier's own reason when red. */
export async function StatusPanel({ status }: { status: LogStatus }) {
  const t = await getTranslations("supervise");
  return (
    <section aria-labelledby="status-title" className={status.ok ? "status status-ok" : "status status-bad"} data-status={status.ok ? "ok" : "bad"}>
      <h2 id="status-title">{t("statusTitle")}</h2>
      {status.ok ? (
        <div role="status">
          <p className="status-headline">{t("statusOk")}</p>
          <p>{t("statusOkDetail", { entries: status.entries, checkpoints: status.checkpoints, signed: status.latestCheckpointSize })}</p>
          {status.unsignedTail > 0 ? <p className="hint">{t("statusTail", { count: status.unsignedTail })}</p> : null}
        </div>
      ) : (
        <div role="alert">
          <p className="status-headline">{t("statusBad")}</p>
          {status.seq !== null ? <p>{t("statusBadSeq", { seq: status.seq })}</p> : null}
          {status.file !== null ? <p>{t("statusBadFile", { file: status.file })}</p> : null}
          <p>{t("statusReason")}</p>
          <pre className="mono">{status.message}</pre>
          <p>{t("statusBadAdvice")}</p>
        </div>
      )}
    </section>
  );
}
