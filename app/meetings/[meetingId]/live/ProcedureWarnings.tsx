"use client";

import { useTranslations } from "use-intl";
import type { LiveView } from "@/server/queries/liveMeeting";
import { useLang } from "./panels";

/** Procedure warnings recorded with the meeting (issue #16), in words with their legal basis, for the chair. */
export function ProcedureWarnings({ view }: { view: LiveView }) {
  const t = useTranslations("live.chair");
  const lang = useLang();
  const warnings = view.procedureWarnings ?? [];
  if (warnings.length === 0) return null;
  return (
    <section className="panel procedure-warnings" aria-labelledby="procedure-title">
      <h2 id="procedure-title">
        <span aria-hidden="true">⚠</span> {t("procedureWarnings")}
      </h2>
      <p className="hint">{t("procedureWarningsHint")}</p>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.code}-${w.at}-${i}`} data-code={w.code}>
            {w.message[lang]}
            <br />
            <span className="hint">{t("procedureBasis", { basis: w.legalBasis })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
