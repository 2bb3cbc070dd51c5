import { getTranslations } from "next-intl/server";
import { boardPath } from "@/server/notice/links";
import { noticeOrganizations } from "@/server/queries/noticeBoard";
import "./notice.css";

export const dynamic = "force-dynamic";

/** Every organization's notice board, for anyone (no login). */
export default async function NoticeIndexPage() {
  const t = await getTranslations("notices");
  const orgs = await noticeOrganizations();
  return (
    <div>
      <h1>{t("indexTitle")}</h1>
      <p>{t("indexIntro")}</p>
      <ul className="list-plain">
        {orgs.map((org) => (
          <li key={org.id} className="nb-card">
            <a href={boardPath(org.id)}>
              <strong>{org.name}</strong>
            </a>
            <div className="hint">
              {t(`levels.${org.level === "cooperative" ? "cooperative" : "village"}`)} · {t("openCount", { count: org.openNotices })}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
