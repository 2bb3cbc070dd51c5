import { getTranslations } from "next-intl/server";
import type { AdminPerson } from "@/server/queries/adminPeople";
import { Back } from "../../ui";

/**
 * A person's login: open one with an initial password (the phone is the login; without a phone on record the admin
 * types one), or grant and take back organization roles.
 */
export async function AccountSection({ person, back }: { person: AdminPerson & { orgId: string }; back: string }) {
  const t = await getTranslations("adminAccounts");
  const account = person.account;
  if (!account) {
    return (
      <section className="card" aria-labelledby="account">
        <h2 id="account">{t("openTitle")}</h2>
        <p className="muted">{t("openExplain")}</p>
        <form method="post" action={`/api/admin/orgs/${person.orgId}/accounts`}>
          <Back to={back} />
          <input type="hidden" name="personId" value={person.id} />
          <input type="hidden" name="displayName" value={person.name} />
          <label htmlFor="account-phone">{t("phone")}</label>
          <input
            id="account-phone"
            name="phone"
            type="tel"
            inputMode="numeric"
            required
            pattern="1[3-9][0-9]{9}"
            maxLength={11}
            defaultValue={person.phone ?? ""}
          />
          <label htmlFor="account-password">{t("initialPassword")}</label>
          <input
            id="account-password"
            name="password"
            type="text"
            required
            minLength={8}
            maxLength={200}
            autoComplete="off"
            aria-describedby="account-password-hint"
          />
          <div id="account-password-hint" className="hint">
            {t("initialPasswordHint")}
          </div>
          <fieldset>
            <legend>{t("roles")}</legend>
            <label className="check">
              <input type="checkbox" name="roles" value="admin" />
              {t("role.admin")}
            </label>
            <label className="check">
              <input type="checkbox" name="roles" value="supervisor" />
              {t("role.supervisor")}
            </label>
          </fieldset>
          <p>
            <button type="submit">{t("openSubmit")}</button>
          </p>
        </form>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="account">
      <h2 id="account">{t("accountTitle")}</h2>
      <dl className="facts">
        <dt>{t("login")}</dt>
        <dd>{account.phone}</dd>
        <dt>{t("status")}</dt>
        <dd>{account.disabled ? t("disabled") : account.hasPassword ? t("ready") : t("pending")}</dd>
        <dt>{t("roles")}</dt>
        <dd>{account.roles.length > 0 ? account.roles.map((r) => t(`role.${r}` as "role.admin")).join("、") : t("noRoles")}</dd>
      </dl>
      <div className="actions">
        {(["admin", "supervisor"] as const).map((role) => {
          const has = account.roles.includes(role);
          return (
            <form key={role} method="post" action={`/api/admin/orgs/${person.orgId}/roles/${has ? "revoke" : "grant"}`}>
              <Back to={back} />
              <input type="hidden" name="accountId" value={account.id} />
              <input type="hidden" name="role" value={role} />
              <button type="submit" className="secondary">
                {t(has ? "revoke" : "grant", { role: t(`role.${role}`) })}
              </button>
            </form>
          );
        })}
      </div>
    </section>
  );
}
