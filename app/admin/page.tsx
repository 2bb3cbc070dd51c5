import { getTranslations } from "next-intl/server";
import { adminHome } from "@/server/queries/adminOrgs";
import { viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "./query";
import { Back, FormStatus } from "./ui";

export const dynamic = "force-dynamic";

/** 管理: the organizations this account administers, and a new cooperative under a village. */
export default async function AdminHome({ searchParams }: { searchParams: Promise<Query> }) {
  const viewer = await viewerOrLogin();
  const query = await searchParams;
  const t = await getTranslations("admin");
  const orgs = await adminHome(viewer);
  return (
    <div>
      <h1>{t("homeTitle")}</h1>
      <FormStatus query={query} />
      {orgs.length === 0 ? <p>{t("noOrgs")}</p> : null}
      {orgs.map((org) => (
        <section key={org.id} className="card" aria-labelledby={`org-${org.id}`}>
          <h2 id={`org-${org.id}`}>
            <a href={`/admin/orgs/${org.id}`}>{org.name}</a>
          </h2>
          <p className="muted">
            {t(`level.${org.level}`)}
            {org.parent ? ` · ${t("partOf", { name: org.parent.name })}` : ""}
          </p>
          {org.children.length > 0 ? (
            <>
              <h3>{t("cooperatives")}</h3>
              <ul>
                {org.children.map((child) => (
                  <li key={child.id}>
                    {child.isAdmin ? (
                      <a href={`/admin/orgs/${child.id}`}>{child.name}</a>
                    ) : (
                      <span>
                        {child.name}（{t("notAdmin")}）
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {org.level === "village" ? (
            <form method="post" action="/api/admin/orgs">
              <Back to="/admin" />
              <input type="hidden" name="parentId" value={org.id} />
              <label htmlFor={`coop-name-${org.id}`}>{t("newCoopName")}</label>
              <input id={`coop-name-${org.id}`} name="name" type="text" required maxLength={100} placeholder={t("newCoopPlaceholder")} />
              <p>
                <button type="submit">{t("createCoop")}</button>
              </p>
            </form>
          ) : null}
        </section>
      ))}
    </div>
  );
}
