import { getFormatter, getTranslations } from "next-intl/server";
import type { WitnessView } from "@/server/queries/witnessView";

/**
 * Who witnessed the log (issue #21): each configured witness in words and a symbol (green ✓, waiting !, red ✗ when
 * it refused a checkpoint as inconsistent with one it cosigned — a rewritten log), the offline periods that ended,
 * and for the recent checkpoints which witnesses cosigned each, or "not yet".
 */
export async function WitnessPanel({ view }: { view: WitnessView }) {
  const t = await getTranslations("supervise");
  const format = await getFormatter();
  const when = (date: Date) => format.dateTime(date, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const refused = view.witnesses.filter((w) => w.status === "refused");
  return (
    <section aria-labelledby="witness-title">
      <h2 id="witness-title">{t("witnessTitle")}</h2>
      <p className="hint">{t("witnessIntro")}</p>
      {refused.length > 0 ? (
        <div className="status status-bad" role="alert" data-witness="refused">
          {refused.map((w) => (
            <div key={w.label}>
              <p className="status-headline">
                {w.inconsistent
                  ? t("witnessRefused", { name: w.display, size: w.refusedSize ?? 0 })
                  : t("witnessRejected", { name: w.display, size: w.refusedSize ?? 0 })}
              </p>
              {w.refusedAt ? <p>{when(w.refusedAt)}</p> : null}
              {w.lastError ? (
                <>
                  <p>{t("witnessSaid")}</p>
                  <pre className="mono">{w.lastError}</pre>
                </>
              ) : null}
            </div>
          ))}
          <p>{t("witnessRefusedAdvice")}</p>
        </div>
      ) : null}
      {view.witnesses.length === 0 ? <p>{t("witnessNone")}</p> : null}
      <ul className="list-plain">
        {view.witnesses.map((w) => (
          <li key={w.label} className="card" data-witness-status={w.status}>
            <p>
              {w.status === "ok" ? t("witnessOk", { name: w.display, size: w.knownSize }) : null}
              {w.status === "pending" ? t("witnessPending", { name: w.display }) : null}
              {w.status === "unreachable" ? t("witnessUnreachable", { name: w.display, since: w.failingSince ? when(w.failingSince) : "—" }) : null}
              {w.status === "refused" ? t("witnessRefusedShort", { name: w.display }) : null}
            </p>
            {w.townshipVkey ? (
              <p data-township-witness-vkey="">
                {t("witnessTownshipKey")}
                <br />
                <code className="mono">{w.townshipVkey}</code>
              </p>
            ) : (
              <p className="hint mono">{w.label}</p>
            )}
            {w.gaps.length > 0 ? (
              <ul>
                {w.gaps.map((g) => (
                  <li key={g.from.toISOString()}>{t("witnessGap", { from: when(g.from), to: when(g.to) })}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {view.checkpoints.length > 0 ? (
        <>
          <h3>{t("witnessRecent")}</h3>
          <ul className="list-plain">
            {view.checkpoints.map((c) => (
              <li key={c.size} data-witnessed={c.witnessedBy.length > 0 ? "yes" : "no"}>
                {c.witnessedBy.length > 0
                  ? t("witnessedBy", { size: c.size, when: when(c.signedAt), names: c.witnessedBy.map((w) => w.display).join("、") })
                  : t("notWitnessed", { size: c.size, when: when(c.signedAt) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
