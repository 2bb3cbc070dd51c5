import { getTranslations } from "next-intl/server";
import { boardPath } from "@/server/notice/links";
import { publishingDesk } from "@/server/queries/noticePublishing";
import { load } from "@/server/web/loadPage";
import { DeskFlash } from "../../DeskFlash";
import { deskViewer, type Query } from "../../viewer";
import { AdminForms } from "./AdminForms";
import { CorrectForms } from "./CorrectForms";
import { ReadyForms } from "./ReadyForms";
import "../../../n/notice.css";

export const dynamic = "force-dynamic";

/**
 * 发布公示: an organization's admins, and the chairs of its deciding bodies for their own decisions, publish the
 * decision (S4 → S5) and the implementation result (S6 → S7), and correct notices in force. Plain forms throughout.
 */
export default async function PublishDeskPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const query = await searchParams;
  const viewer = await deskViewer();
  const t = await getTranslations("noticeDesk");
  const loaded = await load(() => publishingDesk(viewer, orgId));
  if (!loaded.ok) {
    const te = await getTranslations("errors");
    return (
      <div>
        <h1>{t("title")}</h1>
        <p role="alert" className="alert">
          {loaded.code === "forbidden" ? t("onlyOfficers") : te(loaded.code as "not_found")}
        </p>
      </div>
    );
  }
  const desk = loaded.data;
  const back = `/notices/publish/${orgId}`;
  return (
    <div>
      <h1>{t("orgTitle", { org: desk.org.name })}</h1>
      <p>
        <a href={boardPath(orgId)}>{t("viewBoard")}</a>
      </p>
      <DeskFlash query={query} orgId={orgId} />
      <ReadyForms items={desk.decisions} kind="decision" back={back} noticeDays={desk.org.noticeDays} />
      <ReadyForms items={desk.results} kind="result" back={back} noticeDays={desk.org.noticeDays} />
      <CorrectForms notices={desk.current} orgId={orgId} back={back} />
      {desk.isAdmin && desk.linkable ? <AdminForms orgId={orgId} noticeDays={desk.org.noticeDays} linkable={desk.linkable} back={back} /> : null}
    </div>
  );
}
