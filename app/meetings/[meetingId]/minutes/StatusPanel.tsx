import { getFormatter, getTranslations } from "next-intl/server";
import type { MinutesAccess } from "@/server/minutes/status";

/**
 * Finalizing, signing and correcting, as plain form posts (they work without JavaScript, e.g. in WeChat). Each
 * irreversible step asks for an explicit confirmation tick first.
 */
export async function StatusPanel({ meetingId, access }: { meetingId: string; access: MinutesAccess }) {
  const t = await getTranslations("minutes");
  const format = await getFormatter();
  const { status, capabilities } = access;
  const latest = status.latest;
  const when = (iso: string) => format.dateTime(new Date(iso), { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const action = (verb: string) => `/api/minutes/${meetingId}/${verb}`;
  const hasSigned = latest?.signatures.some((s) => s.personId === access.personId) ?? false;
  return (
    <section className="card minutes-status" aria-labelledby="minutes-status-heading">
      <h2 id="minutes-status-heading">{t("status.heading")}</h2>
      {latest ? (
        <>
          <p>{t("status.version", { version: latest.version, date: when(latest.finalizedAt) })}</p>
          {latest.reason ? <p>{t("status.correction", { reason: latest.reason })}</p> : null}
          <p>
            {t("status.hash")}：<code className="hash">{latest.sha256}</code>
          </p>
          <p>{t("status.signed", { names: latest.signatures.map((s) => s.name).join("、") || t("status.none") })}</p>
          {latest.isComplete ? (
            <p className="ok">{t("status.complete")}</p>
          ) : (
            <p>{t("status.missing", { names: latest.missing.map((s) => s.name).join("、") })}</p>
          )}
          {hasSigned ? <p className="ok">{t("sign.already", { version: latest.version })}</p> : null}
        </>
      ) : (
        <p>{status.meetingState === "adjourned" ? t("status.draft") : t("status.draftNotAdjourned")}</p>
      )}
      {capabilities.canFinalize ? (
        <form method="post" action={action("finalize")} className="stack">
          <h3>{t("finalize.heading")}</h3>
          <label className="confirm-tick">
            <input type="checkbox" name="confirm" value="yes" required /> {t("finalize.confirm")}
          </label>
          <button type="submit">{t("finalize.submit")}</button>
        </form>
      ) : null}
      {capabilities.canSign && latest ? (
        <form method="post" action={action("sign")} className="stack">
          <h3>{t("sign.heading")}</h3>
          <input type="hidden" name="versionId" value={latest.id} />
          <label className="confirm-tick">
            <input type="checkbox" name="confirm" value="yes" required /> {t("sign.confirm", { version: latest.version })}
          </label>
          <button type="submit">{t("sign.submit")}</button>
        </form>
      ) : null}
      {capabilities.canCorrect ? (
        <form method="post" action={action("correct")} className="stack">
          <h3>{t("correct.heading")}</h3>
          <p className="hint">{t("correct.intro")}</p>
          <label htmlFor="correction-reason">{t("correct.reason")}</label>
          <textarea id="correction-reason" name="reason" required minLength={2} maxLength={500} rows={3} />
          <label className="confirm-tick">
            <input type="checkbox" name="confirm" value="yes" required /> {t("correct.confirm")}
          </label>
          <button type="submit">{t("correct.submit")}</button>
        </form>
      ) : null}
    </section>
  );
}
