import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { supervisedOrgs } from "@/server/queries/auditAccess";
import { loadForConsole } from "@/server/web/loadPage";
import { Refused } from "./components/Refused";

export const dynamic = "force-dynamic";

/** 监督台: the organizations the signed-in account supervises; with only one, straight to its console. */
export default async function SupervisePage() {
  const loaded = await loadForConsole((account) => supervisedOrgs(account.id));
  if (!loaded.ok) return <Refused code={loaded.code} />;
  const orgs = loaded.data;
  if (orgs.length === 0) return <Refused code="forbidden" />;
  if (orgs.length === 1) redirect(`/supervise/${(orgs[0] as { id: string }).id}`);
  const t = await getTranslations("supervise");
  return (
    <div>
      <h1>{t("title")}</h1>
      <h2>{t("chooseOrg")}</h2>
      <ul className="list-plain">
        {orgs.map((org) => (
          <li key={org.id}>
            <a className="button secondary wide" href={`/supervise/${org.id}`}>
              {org.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
