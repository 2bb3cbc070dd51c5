import { getTranslations } from "next-intl/server";
import { one, type Query } from "../../admin/query";
import { FormStatus } from "../../admin/ui";

type Opinion = { id: string; text: string; byTownship: boolean; createdAt: Date; author: string | null };

/**
 * 监督意见 on a matter or a meeting: the village's 监督委员会 and the township's 镇街监督 (issue #20), each labelled; for
 * the 镇街监督 the form to add one (recorded in the village's log, never edited or withdrawn), and what was wrong with
 * the last one sent, in words.
 */
export async function Opinions({
  target,
  orgId,
  opinions,
  canWrite,
  saved,
  query,
  when,
}: {
  target: { matterId: string } | { meetingId: string };
  orgId: string;
  opinions: Opinion[];
  canWrite: boolean;
  saved: boolean;
  /** The page's query: `?error=…` after a refused opinion. */
  query?: Query;
  when: (date: Date) => string;
}) {
  const back = "matterId" in target ? `/matters/${target.matterId}` : `/meetings/${target.meetingId}`;
  const t = await getTranslations("townPart");
  if (opinions.length === 0 && !canWrite) return null;
  return (
    <section aria-labelledby="opinions-title" id="opinions">
      <h2 id="opinions-title">{t("opinionsTitle")}</h2>
      {query && one(query, "error") ? <FormStatus query={query} /> : null}
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
          {"matterId" in target ? <input type="hidden" name="matterId" value={target.matterId} /> : null}
          {"meetingId" in target ? <input type="hidden" name="meetingId" value={target.meetingId} /> : null}
          <input type="hidden" name="back" value={back} />
          <label htmlFor="opinion-text">{t("opinionWrite")}</label>
          <textarea id="opinion-text" name="text" rows={4} maxLength={2000} required />
          <button type="submit">{t("opinionSubmit")}</button>
        </form>
      ) : null}
    </section>
  );
}
