import { getTranslations } from "next-intl/server";
import { adminOrgSummary } from "@/server/queries/adminOrgs";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import type { Query } from "../../../query";
import { Denied, FormStatus, OrgNav } from "../../../ui";
import { RosterImport } from "./RosterImport";

export const dynamic = "force-dynamic";

/** 导入花名册: roster import (CSV in UTF-8 or GBK, or .xlsx) with a preview of every row's problems; a file with any error imports nothing. */
export default async function ImportPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Query> }) {
  const { orgId } = await params;
  const query = await searchParams;
  const viewer = await viewerOrLogin();
  const result = await load(() => adminOrgSummary(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const t = await getTranslations("adminImport");
  return (
    <div>
      <h1>{t("title", { org: result.data.name })}</h1>
      <OrgNav orgId={orgId} current="import" />
      <FormStatus query={query} />
      <p>{t("intro")}</p>
      <ul>
        <li>{t("columns")}</li>
        <li>{t("values")}</li>
        <li>{t("idNumber")}</li>
        <li>{t("households")}</li>
        <li>{t("allOrNothing")}</li>
      </ul>
      <p>
        <a href="/api/admin/roster-template" download>
          {t("template")}
        </a>
      </p>
      <RosterImport orgId={orgId} />
    </div>
  );
}
