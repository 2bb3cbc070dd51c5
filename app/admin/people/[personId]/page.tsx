import { getTranslations } from "next-intl/server";
import { adminPerson } from "@/server/queries/adminPeople";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { PersonFields } from "../../PersonFields";
import type { Query } from "../../query";
import { Back, Denied, FormStatus } from "../../ui";
import { AccountSection } from "./AccountSection";

export const dynamic = "force-dynamic";

export default async function PersonPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<Query> }) {
  const { personId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminPerson(viewer, personId));
  if (!result.ok) return <Denied code={result.code} />;
  const person = result.data;
  const t = await getTranslations("adminPeople");
  const back = `/admin/people/${person.id}`;
  const list = `/admin/orgs/${person.orgId}/people`;
  if (person.deletedAt) {
    return (
      <div>
        <p>
          <a href={list}>{t("backToList")}</a>
        </p>
        <h1>{person.name}</h1>
        <FormStatus query={query} />
        <p>{t("isDeleted")}</p>
      </div>
    );
  }
  return (
    <div>
      <p>
        <a href={list}>{t("backToList")}</a>
      </p>
      <h1>{t("editTitle", { name: person.name })}</h1>
      <FormStatus query={query} />
      <form method="post" action={`/api/admin/people/${person.id}`}>
        <Back to={back} />
        <PersonFields idPrefix="edit" households={person.households} values={person} />
        <p>
          <button type="submit">{t("save")}</button>
        </p>
      </form>
      <AccountSection person={person} back={back} />
      <section className="card" aria-labelledby="delete-person">
        <h2 id="delete-person">{t("deleteTitle")}</h2>
        <p>{t("deleteExplain")}</p>
        <form method="post" action={`/api/admin/people/${person.id}/delete`}>
          <input type="hidden" name="back" value={list} />
          <label className="check">
            <input type="checkbox" name="confirm" value="1" required />
            {t("deleteConfirm", { name: person.name })}
          </label>
          <p>
            <button type="submit" className="danger">
              {t("deleteSubmit")}
            </button>
          </p>
        </form>
      </section>
    </div>
  );
}
