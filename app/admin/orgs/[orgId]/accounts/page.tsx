import { getTranslations } from "next-intl/server";
import { adminAccounts } from "@/server/queries/adminPeople";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "../../../query";
import { Back, Denied, FormStatus, OrgNav } from "../../../ui";

export const dynamic = "force-dynamic";

/** 账号: who can log in, with which roles; and a staff account (e.g. a supervisor from the township) without a person. */
export default async function AccountsPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminAccounts(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const t = await getTranslations("adminAccounts");
  const back = `/admin/orgs/${orgId}/accounts`;
  return (
    <div>
      <h1>{t("title")}</h1>
      <OrgNav orgId={orgId} current="accounts" />
      <FormStatus query={query} />
      <p className="muted">{t("intro")}</p>
      <div className="table-wrap">
        <table className="labelled">
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("login")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("roles")}</th>
              <th scope="col">{t("change")}</th>
            </tr>
          </thead>
          <tbody>
            {result.data.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.personId ? <a href={`/admin/people/${a.personId}`}>{a.displayName}</a> : a.displayName}</th>
                <td data-label={t("login")}>{a.disabled ? "—" : a.phone}</td>
                <td data-label={t("status")}>{a.disabled ? t("disabled") : a.hasPassword ? (a.mustSetPassword ? t("initial") : t("ready")) : t("pending")}</td>
                <td data-label={t("roles")}>{a.roles.length > 0 ? a.roles.map((r) => t(`role.${r}` as "role.admin")).join("、") : t("noRoles")}</td>
                <td>
                  {a.disabled ? null : (
                    <div className="actions">
                      {(["admin", "supervisor"] as const).map((role) => {
                        const has = a.roles.includes(role);
                        return (
                          <form key={role} method="post" action={`/api/admin/orgs/${orgId}/roles/${has ? "revoke" : "grant"}`}>
                            <Back to={back} />
                            <input type="hidden" name="accountId" value={a.id} />
                            <input type="hidden" name="role" value={role} />
                            <button type="submit" className="secondary">
                              {t(has ? "revoke" : "grant", { role: t(`role.${role}`) })}
                            </button>
                          </form>
                        );
                      })}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="staff-account">
        <h2 id="staff-account">{t("staffTitle")}</h2>
        <p className="muted">{t("staffExplain")}</p>
        <form method="post" action={`/api/admin/orgs/${orgId}/accounts`}>
          <Back to={back} />
          <label htmlFor="staff-name">{t("displayName")}</label>
          <input id="staff-name" name="displayName" type="text" required maxLength={40} />
          <label htmlFor="staff-phone">{t("phone")}</label>
          <input id="staff-phone" name="phone" type="tel" inputMode="numeric" required pattern="1[3-9][0-9]{9}" maxLength={11} />
          <label htmlFor="staff-password">{t("initialPassword")}</label>
          <input
            id="staff-password"
            name="password"
            type="text"
            required
            minLength={8}
            maxLength={200}
            autoComplete="off"
            aria-describedby="staff-password-hint"
          />
          <div id="staff-password-hint" className="hint">
            {t("initialPasswordHint")}
          </div>
          <fieldset>
            <legend>{t("roles")}</legend>
            <label className="check">
              <input type="checkbox" name="roles" value="admin" />
              {t("role.admin")}
            </label>
            <label className="check">
              <input type="checkbox" name="roles" value="supervisor" defaultChecked />
              {t("role.supervisor")}
            </label>
          </fieldset>
          <p>
            <button type="submit">{t("openSubmit")}</button>
          </p>
        </form>
      </section>
    </div>
  );
}
