import { getTranslations } from "next-intl/server";
import { requireSupervisor } from "@/server/queries/auditAccess";
import { checkpointView } from "@/server/queries/auditConsole";
import { loadForConsole } from "@/server/web/loadPage";
import { CheckpointPanel } from "../../components/CheckpointPanel";
import { Refused } from "../../components/Refused";

export const dynamic = "force-dynamic";

/** A page that prints well: the latest checkpoint's QR code and text, to attach to the paper minutes. */
export default async function CheckpointPrintPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const loaded = await loadForConsole(async (account) => {
    await requireSupervisor(account, orgId);
    return checkpointView(orgId);
  });
  if (!loaded.ok) return <Refused code={loaded.code} />;
  const t = await getTranslations("supervise");
  const tEvidence = await getTranslations("evidence");
  return (
    <div className="printable">
      <h1>{t("printTitle")}</h1>
      <CheckpointPanel checkpoint={loaded.data} />
      {loaded.data ? <pre className="mono">{loaded.data.note}</pre> : null}
      <p className="hint">{t("printHint")}</p>
      <p className="no-print">
        <a href={`/supervise/${orgId}`}>{tEvidence("back")}</a>
      </p>
    </div>
  );
}
