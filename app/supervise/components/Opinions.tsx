import { getFormatter, getTranslations } from "next-intl/server";
import type { ConsoleOpinion } from "@/server/queries/auditConsole";

type Props = {
  orgId: string;
  opinions: ConsoleOpinion[];
  /** The page to come back to after posting (its path, without query). */
  back: string;
  motionId?: string;
  title: string;
  saved: boolean;
  error: string | null;
  decisionText?: (motionId: string) => string | undefined;
};

/** Opinions written so far, and the plain form that appends one (irreversible: a required confirmation box). */
export async function Opinions({ orgId, opinions, back, motionId, title, saved, error, decisionText }: Props) {
  const t = await getTranslations("supervise");
  const tErrors = await getTranslations("errors");
  const format = await getFormatter();
  return (
    <section aria-labelledby="opinions-title" id="opinions">
      <h2 id="opinions-title">{title}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t("opinionSaved")}
        </p>
      ) : null}
      {error ? (
        <p className="alert" role="alert">
          {t("errorPrefix")}
          {tErrors.has(error) ? tErrors(error) : error}
        </p>
      ) : null}
      {opinions.length === 0 ? <p>{t("opinionsNone")}</p> : null}
      <ul className="list-plain">
        {opinions.map((o) => {
          const on = o.motionId && decisionText ? decisionText(o.motionId) : undefined;
          return (
            <li key={o.id} className="card opinion">
              <p className="opinion-text">{o.text}</p>
              {on ? <p className="hint">{t("opinionOn", { text: on })}</p> : null}
              <p className="hint">
                {t("opinionBy", {
                  author: o.author,
                  when: format.dateTime(o.createdAt, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" }),
                })}
              </p>
            </li>
          );
        })}
      </ul>
      <form method="post" action="/api/audit/opinions" className="stack">
        <input type="hidden" name="orgId" value={orgId} />
        <input type="hidden" name="back" value={back} />
        {motionId ? <input type="hidden" name="motionId" value={motionId} /> : null}
        <div>
          <label htmlFor="opinion-text">{t("opinionLabel")}</label>
          <textarea id="opinion-text" name="text" rows={4} maxLength={2000} required aria-describedby="opinion-hint" />
          <p id="opinion-hint" className="hint">
            {t("opinionHint")}
          </p>
        </div>
        <div className="check">
          <input id="opinion-confirm" type="checkbox" name="confirm" value="1" required />
          <label htmlFor="opinion-confirm">{t("opinionConfirm")}</label>
        </div>
        <button type="submit">{t("opinionSubmit")}</button>
      </form>
    </section>
  );
}
