import { getTranslations } from "next-intl/server";
import type { AlertSettings } from "@/server/domain/alerts";
import { MATTER_KINDS, MATTER_RULES } from "@/server/domain/rules";
import { townshipSettingsPage } from "@/server/queries/township";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { one, type Query } from "../../../admin/query";
import { Denied, FormStatus, localeKey } from "../../../admin/ui";
import "../township.css";

export const dynamic = "force-dynamic";

/**
 * 预审与提示设置 (issue #20): the township's admin sets which matters need its legality pre-review and the thresholds of
 * the alerts, each with the law's default beside it; the change goes through setTownshipSettings (audited). The
 * township's reviewers and supervisors read the same values without the form.
 */
export default async function TownshipSettingsPage({ params, searchParams }: { params: Promise<{ townshipId: string }>; searchParams: Promise<Query> }) {
  const { townshipId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => townshipSettingsPage(viewer, townshipId));
  if (!result.ok) return <Denied code={result.code} />;
  const page = result.data;
  const t = await getTranslations("townshipSettings");
  const locale = await localeKey();
  const here = `/township/${townshipId}/settings`;
  const isAdmin = page.roles.includes("admin");
  const fields = Object.keys(page.defaults.alerts) as (keyof AlertSettings)[];
  // A refused value is named in words with its range (the command says which field and why).
  const errorField = one(query, "field");
  const alertField = errorField?.startsWith("alerts.") ? (errorField.slice("alerts.".length) as keyof AlertSettings) : undefined;
  const problem =
    one(query, "error") === "invalid_input" && alertField && alertField in page.limits
      ? t("invalid", { field: t(`fields.${alertField}`), min: page.limits[alertField].min, max: page.limits[alertField].max })
      : one(query, "error") === "invalid_input" && errorField === "preReviewAmountYuan"
        ? t("invalidAmount")
        : null;
  const defaultKinds = new Set<string>(page.defaults.preReviewKinds);
  return (
    <div className="township settings">
      <h1>{t("title", { township: page.township.name })}</h1>
      <p className="hint">{t("intro")}</p>
      <p className="township-links">
        <a href={`/township/${townshipId}`}>{t("back")}</a>
      </p>
      {problem ? (
        <div role="alert" className="alert">
          {problem}
        </div>
      ) : (
        <FormStatus query={query} />
      )}
      {isAdmin ? null : <p className="hint">{t("onlyAdmin")}</p>}
      <form method="post" action={`/api/township/${townshipId}/settings`}>
        <input type="hidden" name="back" value={here} />
        <fieldset disabled={!isAdmin}>
          <legend>
            <h2>{t("preReviewTitle")}</h2>
          </legend>
          <fieldset>
            <legend>{t("preReviewKinds")}</legend>
            <p className="hint">{t("defaultKinds")}</p>
            {MATTER_KINDS.map((kind) => (
              <label key={kind} className="check">
                <input type="checkbox" name="preReviewKinds" value={kind} defaultChecked={page.settings.preReviewKinds.includes(kind)} />{" "}
                {MATTER_RULES[kind].name[locale]}
                {defaultKinds.has(kind) ? <span className="hint">（{t("default", { value: "✓" })}）</span> : null}
              </label>
            ))}
          </fieldset>
          <label htmlFor="preReviewAmountYuan">{t("preReviewAmount")}</label>
          <input
            id="preReviewAmountYuan"
            name="preReviewAmountYuan"
            inputMode="numeric"
            required
            defaultValue={page.settings.preReviewAmountYuan}
            aria-describedby="preReviewAmountYuan-hint"
            aria-invalid={errorField === "preReviewAmountYuan" ? true : undefined}
          />
          <p className="hint" id="preReviewAmountYuan-hint">
            {t("default", { value: page.defaults.preReviewAmountYuan })}
          </p>
        </fieldset>
        <fieldset disabled={!isAdmin}>
          <legend>
            <h2>{t("alertsTitle")}</h2>
          </legend>
          <div className="settings-grid">
            {fields.map((field) => (
              <div key={field}>
                <label htmlFor={`alert-${field}`}>{t(`fields.${field}`)}</label>
                <input
                  id={`alert-${field}`}
                  name={`alerts.${field}`}
                  inputMode="numeric"
                  defaultValue={page.settings.alerts[field]}
                  aria-describedby={`alert-${field}-hint`}
                  aria-invalid={alertField === field ? true : undefined}
                />
                <p className="hint" id={`alert-${field}-hint`}>
                  {t("default", { value: page.defaults.alerts[field] })} · {t("range", { min: page.limits[field].min, max: page.limits[field].max })}
                </p>
              </div>
            ))}
          </div>
        </fieldset>
        {isAdmin ? (
          <button type="submit" className="button">
            {t("save")}
          </button>
        ) : null}
      </form>
    </div>
  );
}
