import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { publishingOrgs } from "@/server/queries/noticePublishing";
import { deskViewer } from "../viewer";
import "../../n/notice.css";

export const dynamic = "force-dynamic";

/** The publishing desk's entry: straight to the one organization, or a choice among several. */
export default async function PublishIndexPage() {
  const viewer = await deskViewer();
  const t = await getTranslations("noticeDesk");
  const orgs = await publishingOrgs(viewer);
  if (orgs.length === 1 && orgs[0]) redirect(`/notices/publish/${orgs[0].id}`);
  return (
    <div>
      <h1>{t("title")}</h1>
      {orgs.length === 0 ? (
        <p role="alert" className="alert">
          {t("onlyOfficers")}
        </p>
      ) : (
        <>
          <h2>{t("chooseOrg")}</h2>
          <ul>
            {orgs.map((o) => (
              <li key={o.id}>
                <a href={`/notices/publish/${o.id}`}>{o.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
