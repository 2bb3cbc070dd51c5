import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { decisionEvidence } from "@/server/queries/evidence";
import { loadForConsole } from "@/server/web/loadPage";
import { CheckpointPanel } from "../../../components/CheckpointPanel";
import { AttendanceSection, BallotsSection, ProofsSection, ResultSection } from "../../../components/EvidenceSections";
import { Opinions } from "../../../components/Opinions";
import { Refused } from "../../../components/Refused";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ orgId: string; motionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A decision's evidence page: attendance, quorum, ballots or tally, minutes hashes, inclusion proofs, opinions. */
export default async function EvidencePage({ params, searchParams }: Props) {
  const { orgId, motionId } = await params;
  const query = await searchParams;
  const loaded = await loadForConsole((account) => decisionEvidence(account, orgId, motionId));
  if (!loaded.ok) return <Refused code={loaded.code} />;
  const evidence = loaded.data;
  const t = await getTranslations("evidence");
  const tSupervise = await getTranslations("supervise");
  const format = await getFormatter();
  const lang = (await getLocale()) === "en" ? "en" : "zh-CN";
  const { meeting, motion } = evidence;
  const method = t.has(`method.${motion.method}`) ? t(`method.${motion.method}`) : motion.method;
  return (
    <div>
      <p>
        <a href={`/supervise/${orgId}`}>{t("back")}</a>
      </p>
      <h1>{t("title", { text: motion.text })}</h1>
      <section aria-labelledby="meeting-title">
        <h2 id="meeting-title">{t("meetingTitle")}</h2>
        <p>
          {t("meetingFacts", {
            body: meeting.bodyName,
            number: meeting.number,
            when: format.dateTime(meeting.startsAt, { year: "numeric", month: "long", day: "numeric" }),
            place: meeting.place,
          })}
        </p>
        <dl className="facts">
          <dt>{t("motionMethod")}</dt>
          <dd>{method}</dd>
          <dt>{t("matterKind")}</dt>
          <dd className="mono">{motion.matterKind}</dd>
        </dl>
      </section>
      {evidence.rule ? (
        <section aria-labelledby="rule-title">
          <h2 id="rule-title">{t("ruleTitle")}</h2>
          <p>
            <strong>{evidence.rule.sentence[lang]}</strong>
          </p>
          <p className="hint">{evidence.rule.basis[lang]}</p>
        </section>
      ) : null}
      <section aria-labelledby="procedure-title">
        <h2 id="procedure-title">{t("procedureTitle")}</h2>
        {evidence.procedureWarnings.length === 0 ? (
          <p>{t("procedureNone")}</p>
        ) : (
          <ul className="procedure-warnings">
            {evidence.procedureWarnings.map((w, i) => (
              <li key={`${w.code}-${w.at}-${i}`} data-code={w.code}>
                {w.message[lang]}
                <br />
                <span className="hint">{t("procedureBasis", { basis: w.legalBasis })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AttendanceSection evidence={evidence} />
      <ResultSection evidence={evidence} />
      <BallotsSection evidence={evidence} />
      <ProofsSection evidence={evidence} />
      <section aria-labelledby="checkpoint-title">
        <h2 id="checkpoint-title">{tSupervise("checkpointTitle")}</h2>
        <CheckpointPanel checkpoint={evidence.checkpoint} printHref={`/supervise/${orgId}/checkpoint`} />
      </section>
      <Opinions
        orgId={orgId}
        motionId={motion.id}
        opinions={evidence.opinions}
        back={`/supervise/${orgId}/decisions/${motion.id}`}
        title={t("opinionsTitle")}
        saved={query.saved === "1"}
        error={typeof query.error === "string" ? query.error : null}
      />
    </div>
  );
}
