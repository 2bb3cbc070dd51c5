import { getFormatter, getTranslations } from "next-intl/server";
import { auditConsole } from "@/server/queries/auditConsole";
import { auditTimeline, timelineFilterSchema } from "@/server/queries/auditTimeline";
import { loadForConsole } from "@/server/web/loadPage";
import { CheckpointPanel } from "../components/CheckpointPanel";
import { Opinions } from "../components/Opinions";
import { Refused } from "../components/Refused";
import { StatusPanel } from "../components/StatusPanel";
import { Timeline } from "../components/Timeline";
import { WitnessPanel } from "../components/WitnessPanel";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ orgId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** 监督台 of one organization: verification status, latest checkpoint, download, decisions, timeline, opinions. */
export default async function OrgConsolePage({ params, searchParams }: Props) {
  const { orgId } = await params;
  const query = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, first(v)]));
  const filter = timelineFilterSchema.parse(query);
  const loaded = await loadForConsole(async (account) => ({
    overview: await auditConsole(account, orgId),
    timeline: await auditTimeline(account, orgId, filter),
  }));
  if (!loaded.ok) return <Refused code={loaded.code} />;
  const { overview, timeline } = loaded.data;
  const t = await getTranslations("supervise");
  const ta = await getTranslations("alerts");
  const format = await getFormatter();
  const decisionText = new Map(overview.decisions.map((d) => [d.motionId, d.text]));
  return (
    <div>
      <h1>{t("orgTitle", { org: overview.org.name })}</h1>
      <p>{t("intro")}</p>
      <p>
        <a className="button" href={`/orgs/${orgId}/compliance`}>
          {ta("link")}
        </a>
      </p>
      <StatusPanel status={overview.status} />
      <section aria-labelledby="checkpoint-title">
        <h2 id="checkpoint-title">{t("checkpointTitle")}</h2>
        <CheckpointPanel checkpoint={overview.checkpoint} printHref={`/supervise/${orgId}/checkpoint`} />
        <p>
          <a className="button" href={`/api/audit/bundle?orgId=${encodeURIComponent(orgId)}`} download>
            {t("download")}
          </a>
        </p>
        <p className="hint">{t("downloadHint")}</p>
      </section>
      <WitnessPanel view={overview.witnessing} />
      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t("decisionsTitle")}</h2>
        {overview.decisions.length === 0 ? <p>{t("decisionsNone")}</p> : null}
        <ul className="list-plain">
          {overview.decisions.map((d) => (
            <li key={d.motionId} className="card">
              <a href={`/supervise/${orgId}/decisions/${d.motionId}`}>{t("evidenceLink", { text: d.text })}</a>
              <p className="hint">
                {d.meeting}
                {d.closedAt ? ` · ${format.dateTime(d.closedAt, { year: "numeric", month: "long", day: "numeric" })}` : ""}
                {d.passed === null ? "" : ` · ${d.passed ? t("decisionPassed") : t("decisionFailed")}`}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <Timeline orgId={orgId} timeline={timeline} filter={filter} />
      <Opinions
        orgId={orgId}
        opinions={overview.opinions}
        back={`/supervise/${orgId}`}
        title={t("opinionsTitle")}
        saved={query.saved === "1"}
        error={query.error ?? null}
        decisionText={(id) => decisionText.get(id)}
      />
    </div>
  );
}
