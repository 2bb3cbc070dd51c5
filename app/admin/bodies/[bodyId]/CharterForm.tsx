import { getTranslations } from "next-intl/server";
import type { AdminBody } from "@/server/queries/adminBodies";
import { Back } from "../../ui";

/** 章程: stricter shares as whole numbers (e.g. 3/4), recusal, and what members and observers may see or do. */
export async function CharterForm({ body, locale, back }: { body: AdminBody; locale: "zh-CN" | "en"; back: string }) {
  const t = await getTranslations("adminBodies");
  const { charter, rules } = body;
  const share = (prefix: "quorum" | "pass") => (
    <fieldset>
      <legend>{t(`${prefix}Share`)}</legend>
      <div className="fraction">
        <label htmlFor={`${prefix}-num`}>{t("numerator")}</label>
        <input id={`${prefix}-num`} name={`${prefix}Numerator`} type="number" min={1} className="short" defaultValue={charter[prefix]?.numerator ?? ""} />
        <span aria-hidden="true">/</span>
        <label htmlFor={`${prefix}-den`}>{t("denominator")}</label>
        <input id={`${prefix}-den`} name={`${prefix}Denominator`} type="number" min={1} className="short" defaultValue={charter[prefix]?.denominator ?? ""} />
      </div>
      <p className="hint">{rules.charter[prefix]?.text[locale] ?? t("lawApplies")}</p>
    </fieldset>
  );
  return (
    <section className="card" aria-labelledby="charter">
      <h2 id="charter">{t("charter")}</h2>
      <p className="muted">{t("charterExplain")}</p>
      <form method="post" action={`/api/admin/bodies/${body.id}/charter`}>
        <Back to={back} />
        <label htmlFor="charter-name">{t("name")}</label>
        <input id="charter-name" name="name" type="text" required maxLength={60} defaultValue={body.name} />
        {share("quorum")}
        {share("pass")}
        <label htmlFor="charter-notice-days">{t("noticeDays")}</label>
        <input
          id="charter-notice-days"
          name="noticeDays"
          type="number"
          min={1}
          max={90}
          className="short"
          defaultValue={charter.noticeDays ?? ""}
          aria-describedby="charter-notice-days-hint"
        />
        <p className="hint" id="charter-notice-days-hint">
          {t("noticeDaysHint")}
        </p>
        <label className="check">
          <input type="checkbox" name="recusedLeaveBase" value="1" defaultChecked={charter.recusedLeaveBase ?? false} />
          {t("recusedLeaveBase")}
        </label>
        <p className="hint">{rules.charter.recusal[locale]}</p>
        <label className="check">
          <input type="checkbox" name="membersEditMinutes" value="1" defaultChecked={charter.membersEditMinutes ?? false} />
          {t("membersEditMinutes")}
        </label>
        <label className="check">
          <input type="checkbox" name="publishNamedVotes" value="1" defaultChecked={charter.publishNamedVotes ?? false} />
          {t("publishNamedVotes")}
        </label>
        <p>
          <button type="submit">{t("saveCharter")}</button>
        </p>
      </form>
    </section>
  );
}
