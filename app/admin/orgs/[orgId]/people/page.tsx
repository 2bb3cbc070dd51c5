import { getTranslations } from "next-intl/server";
import { type AdminPerson, adminPeople } from "@/server/queries/adminPeople";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { PersonFields } from "../../../PersonFields";
import type { Query } from "../../../query";
import { Back, Denied, FormStatus, OrgNav } from "../../../ui";

export const dynamic = "force-dynamic";

/** 户与人员: the register, phones in full (admins only), with forms to add a household and a person. */
export default async function PeoplePage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminPeople(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const { households, people } = result.data;
  const t = await getTranslations("adminPeople");
  const back = `/admin/orgs/${orgId}/people`;
  const active = people.filter((p) => p.deletedAt === null);
  const deleted = people.filter((p) => p.deletedAt !== null);
  const householdOf = new Map(households.map((h) => [h.id, h.number]));
  const yes = (value: boolean) => (value ? t("yes") : t("no"));
  const row = (p: AdminPerson) => (
    <tr key={p.id}>
      <th scope="row">
        <a href={`/admin/people/${p.id}`}>{p.name}</a>
      </th>
      <td data-label={t("phone")}>{p.phone ?? t("noPhone")}</td>
      <td data-label={t("idNumber")}>{p.idNumberMasked ?? "—"}</td>
      <td data-label={t("household")}>
        {p.householdId ? householdOf.get(p.householdId) : "—"}
        {p.relationship ? `（${p.relationship}）` : ""}
      </td>
      <td data-label={t("gender")}>{t(p.gender)}</td>
      <td data-label={t("isAdultShort")}>{yes(p.isAdult)}</td>
      <td data-label={t("isPartyMemberShort")}>{yes(p.isPartyMember)}</td>
      <td data-label={t("isCoopMemberShort")}>{yes(p.isCoopMember)}</td>
      <td data-label={t("account")}>{p.account ? (p.account.hasPassword ? t("accountReady") : t("accountPending")) : t("noAccount")}</td>
    </tr>
  );
  return (
    <div>
      <h1>{t("title")}</h1>
      <OrgNav orgId={orgId} current="people" />
      <FormStatus query={query} />
      <p className="muted">{t("summary", { people: active.length, households: households.length })}</p>
      <p>
        <a href={`/admin/orgs/${orgId}/import`}>{t("importLink")}</a>
      </p>
      <p className="hint">{t("tableCaption")}</p>
      <div className="table-wrap">
        <table className="labelled">
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("phone")}</th>
              <th scope="col">{t("idNumber")}</th>
              <th scope="col">{t("household")}</th>
              <th scope="col">{t("gender")}</th>
              <th scope="col">{t("isAdultShort")}</th>
              <th scope="col">{t("isPartyMemberShort")}</th>
              <th scope="col">{t("isCoopMemberShort")}</th>
              <th scope="col">{t("account")}</th>
            </tr>
          </thead>
          <tbody>{active.map(row)}</tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="add-person">
        <h2 id="add-person">{t("addPerson")}</h2>
        <form method="post" action={`/api/admin/orgs/${orgId}/people`}>
          <Back to={back} />
          <PersonFields idPrefix="new" households={households} />
          <p>
            <button type="submit">{t("addPersonSubmit")}</button>
          </p>
        </form>
      </section>
      <section className="card" aria-labelledby="add-household">
        <h2 id="add-household">{t("addHousehold")}</h2>
        <form method="post" action={`/api/admin/orgs/${orgId}/households`}>
          <Back to={back} />
          <label htmlFor="household-number">{t("householdNumber")}</label>
          <input id="household-number" name="number" type="text" required maxLength={40} />
          <label htmlFor="household-head">{t("householdHead")}</label>
          <input id="household-head" name="head" type="text" maxLength={60} />
          <p>
            <button type="submit">{t("addHouseholdSubmit")}</button>
          </p>
        </form>
      </section>
      {households.length > 0 ? (
        <section aria-labelledby="households">
          <h2 id="households">{t("householdsTitle")}</h2>
          <p className="hint">{t("householdsHint")}</p>
          <ul className="household-list">
            {households.map((h) => {
              const count = active.filter((p) => p.householdId === h.id).length;
              return (
                <li key={h.id} className="card">
                  <form method="post" action={`/api/admin/households/${h.id}`}>
                    <Back to={back} />
                    <label htmlFor={`hh-number-${h.id}`}>{t("householdNumber")}</label>
                    <input id={`hh-number-${h.id}`} name="number" type="text" required maxLength={40} defaultValue={h.number} />
                    <label htmlFor={`hh-head-${h.id}`}>{t("householdHead")}</label>
                    <input id={`hh-head-${h.id}`} name="head" type="text" maxLength={60} defaultValue={h.head ?? ""} />
                    <p className="muted">{t("householdPeople", { count })}</p>
                    <p>
                      <button type="submit">{t("saveHousehold", { number: h.number })}</button>
                    </p>
                  </form>
                  {count === 0 ? (
                    <form method="post" action={`/api/admin/households/${h.id}/delete`}>
                      <Back to={back} />
                      <label className="check">
                        <input type="checkbox" name="confirm" value="1" required />
                        {t("deleteHouseholdConfirm", { number: h.number })}
                      </label>
                      <p>
                        <button type="submit" className="danger">
                          {t("deleteHousehold", { number: h.number })}
                        </button>
                      </p>
                    </form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {deleted.length > 0 ? (
        <section aria-labelledby="deleted-people">
          <h2 id="deleted-people">{t("deletedTitle")}</h2>
          <p className="muted">{t("deletedNote")}</p>
          <ul>
            {deleted.map((p) => (
              <li key={p.id}>{p.name}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
