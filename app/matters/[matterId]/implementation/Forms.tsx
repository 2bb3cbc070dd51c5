import { getTranslations } from "next-intl/server";
import type { ImplementationView } from "@/server/queries/implementation";

const MILESTONE_ROWS = 5;

/** The plan form (plain HTML, works without JavaScript): responsible person, cap, period, site, up to five milestones. */
export async function PlanForm({ view, back }: { view: ImplementationView; back: string }) {
  const t = await getTranslations("implementation");
  return (
    <section className="card" aria-labelledby="plan-form">
      <h2 id="plan-form">{t("planTitle")}</h2>
      <p className="hint">{t("planExplain")}</p>
      <form method="post" action="/api/implementation/plans">
        <input type="hidden" name="back" value={back} />
        <input type="hidden" name="matterId" value={view.matter.id} />
        <label htmlFor="p-resp">{t("responsibleLabel")}</label>
        <select id="p-resp" name="responsibleId" required defaultValue="">
          <option value="" disabled>
            {t("choosePerson")}
          </option>
          {view.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <label htmlFor="p-cap">{t("capLabel")}</label>
        <p id="p-cap-h" className="hint">
          {t("capHint")}
        </p>
        <input id="p-cap" name="cap" inputMode="decimal" aria-describedby="p-cap-h" />
        <label htmlFor="p-start">{t("startsOnLabel")}</label>
        <input id="p-start" name="startsOn" type="date" required defaultValue={view.today} />
        <label htmlFor="p-end">{t("endsOnLabel")}</label>
        <input id="p-end" name="endsOn" type="date" required />
        <p id="p-site-h" className="hint">
          {t("siteHint")}
        </p>
        <label htmlFor="p-lat">{t("siteLatLabel")}</label>
        <input id="p-lat" name="siteLat" inputMode="decimal" aria-describedby="p-site-h" />
        <label htmlFor="p-lon">{t("siteLonLabel")}</label>
        <input id="p-lon" name="siteLon" inputMode="decimal" aria-describedby="p-site-h" />
        <p id="p-ms-h" className="hint">
          {t("milestoneHint")}
        </p>
        {Array.from({ length: MILESTONE_ROWS }, (_, i) => (
          <fieldset key={i} className="milestone-row">
            <legend>
              {t("milestone")} {i + 1}
            </legend>
            <label htmlFor={`p-mt-${i}`}>{t("milestoneTitleLabel", { n: i + 1 })}</label>
            <input id={`p-mt-${i}`} name="milestoneTitle" maxLength={400} required={i === 0} aria-describedby="p-ms-h" />
            <label htmlFor={`p-md-${i}`}>{t("milestoneDueLabel", { n: i + 1 })}</label>
            <input id={`p-md-${i}`} name="milestoneDue" type="date" required={i === 0} />
          </fieldset>
        ))}
        <p>
          <button type="submit">{t("submitPlan")}</button>
        </p>
      </form>
    </section>
  );
}

/** The progress form: text, money spent, a milestone reached, photos and documents (multipart). */
export async function ReportForm({ view, back }: { view: ImplementationView; back: string }) {
  const t = await getTranslations("implementation");
  const plan = view.plan;
  if (!plan) return null;
  const open = plan.milestones.filter((m) => m.doneOn === null);
  return (
    <section className="card" aria-labelledby="report-form">
      <h2 id="report-form">{t("reportTitle")}</h2>
      <form method="post" action={`/api/implementation/plans/${plan.id}/progress`} encType="multipart/form-data">
        <input type="hidden" name="back" value={back} />
        <label htmlFor="r-text">{t("textLabel")}</label>
        <textarea id="r-text" name="text" required rows={3} maxLength={4000} />
        <label htmlFor="r-spent">{t("spentLabel")}</label>
        <input id="r-spent" name="spent" inputMode="decimal" />
        {open.length > 0 ? (
          <>
            <label htmlFor="r-ms">{t("milestoneReachedLabel")}</label>
            <select id="r-ms" name="milestoneId" defaultValue="">
              <option value="">{t("noneReached")}</option>
              {open.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}（{m.dueOn}）
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor="r-files">{t("filesLabel")}</label>
        <p id="r-files-h" className="hint">
          {t("filesHint")}
        </p>
        <input id="r-files" name="files" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" aria-describedby="r-files-h" />
        <p>
          <button type="submit">{t("submitReport")}</button>
        </p>
      </form>
    </section>
  );
}
