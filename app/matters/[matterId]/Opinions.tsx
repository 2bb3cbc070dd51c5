import { getTranslations } from "next-intl/server";

type Opinion = { id: string; text: string; byTownship: boolean; createdAt: Date; author: string | null };

/**
 * 监督意见 on a matter: the village's 监督委员会 and the township's 镇街监督 (issue #20), each labelled; for the 镇街监督
 * the form to add one (recorded in the village's log, never edited or withdrawn).
 */
export async function Opinions({
  matterId,
  orgId,
  opinions,
  canWrite,
  saved,
  when,
}: {
  matterId: string;
  orgId: string;
  opinions: Opinion[];
  canWrite: boolean;
  saved: boolean;
  when: (date: Date) => string;
}) {
  const t = await getTranslations("townPart");
  if (opinions.length === 0 && !canWrite) return null;
  return (
    <section aria-labelledby="opinions-title" id="opinions">
      <h2 id="opinions-title">{t("opinionsTitle")}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t("opinionSaved")}
        </p>
      ) : null}
      {opinions.length === 0 ? (
        <p>{t("opinionNone")}</p>
      ) : (
        <ul className="list-plain">
          {opinions.map((o) => (
            <li key={o.id} className="card">
              <p>
                <strong>{o.byTownship ? t("townshipOpinion") : t("villageOpinion")}</strong>
              </p>
              <p style={{ whiteSpace: "pre-wrap" }}>{o.text}</p>
              <p className="muted">{t("opinionBy", { name: o.author ?? "—", when: when(o.createdAt) })}</p>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <form method="post" action="/api/audit/opinions" className="stack">
          <input type="hidden" name="orgId" value={orgId} />
          <input type="hidden" name="matterId" value={matterId} />
          <input type="hidden" name="back" value={`/matters/${matterId}`} />
          <label htmlFor="opinion-text">{t("opinionWrite")}</label>
          <textarea id="opinion-text" name="text" rows={4} maxLength={2000} required />
          <button type="submit">{t("opinionSubmit")}</button>
        </form>
      ) : null}
    </section>
  );
}
