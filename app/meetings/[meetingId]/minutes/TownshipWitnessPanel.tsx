import { getFormatter, getTranslations } from "next-intl/server";
import { witnessLine } from "@/server/domain/township/participation";
import type { MinutesWitnesses } from "@/server/queries/townshipParticipation";

/**
 * 镇街见证 (issue #20): the township reviewers who attended and signed as witnesses, each as 见证：name（title）, and
 * for such a reviewer who has not signed the latest version yet, the form to sign it on their own phone.
 */
export async function TownshipWitnessPanel({ meetingId, witnesses }: { meetingId: string; witnesses: MinutesWitnesses }) {
  const t = await getTranslations("townPart");
  const format = await getFormatter();
  if (witnesses.signatures.length === 0 && !witnesses.canSign) return null;
  return (
    <section className="card" id="township-witness" aria-labelledby="township-witness-heading">
      <h2 id="township-witness-heading">{t("witnessTitle")}</h2>
      <p className="hint">{t("witnessIntro")}</p>
      {witnesses.signatures.length === 0 ? (
        <p>{t("witnessNone")}</p>
      ) : (
        <ul className="signature-lines">
          {witnesses.signatures.map((s) => (
            <li key={`${s.name}-${s.version}-${s.signedAt.toISOString()}`}>
              <strong>{witnessLine(s)}</strong>{" "}
              <span className="muted">
                {t("witnessSignedAt", {
                  when: format.dateTime(s.signedAt, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" }),
                  version: s.version,
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {witnesses.canSign && witnesses.latest ? (
        <form method="post" action={`/api/minutes/${meetingId}/township-witness`} className="stack">
          <input type="hidden" name="versionId" value={witnesses.latest.id} />
          <label className="confirm-tick">
            <input type="checkbox" name="confirm" value="yes" required /> {t("witnessConfirm", { version: witnesses.latest.version })}
          </label>
          <button type="submit">{t("witnessSign")}</button>
        </form>
      ) : null}
    </section>
  );
}
