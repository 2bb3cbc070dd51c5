import { getFormatter, getTranslations } from "next-intl/server";
import type { Evidence } from "@/server/queries/evidence";
import { actionLabel } from "./actionLabel";
import { MinutesSignatures } from "./MinutesSignatures";

/** 到会情况: each roster member's recorded attendance, proxies with their written authorization, non-voting attendees. */
export async function AttendanceSection({ evidence }: { evidence: Evidence }) {
  const t = await getTranslations("evidence");
  return (
    <section aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t("attendanceTitle")}</h2>
      {evidence.attendance.length === 0 ? <p>{t("attendanceNone")}</p> : null}
      <ul className="columns">
        {evidence.attendance.map((a, i) => (
          <li key={`${a.name}-${i}`}>
            {a.name}：{t.has(`status.${a.status}`) ? t(`status.${a.status}`) : a.status}
            {a.proxyHolder ? `，${t("proxyBy", { holder: a.proxyHolder })}` : ""}
            {a.authorizationNote ? <span className="hint">（{t("authorization", { note: a.authorizationNote })}）</span> : null}
          </li>
        ))}
      </ul>
      {evidence.nonVoting.length > 0 ? (
        <>
          <h3>{t("nonVotingTitle")}</h3>
          <ul>
            {evidence.nonVoting.map((n, i) => (
              <li key={`${n.name}-${i}`}>
                {n.name}
                {n.affiliation ? `（${n.affiliation}）` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t("entitledTitle")}</h3>
      <p>{t("entitledCount", { count: evidence.entitled.length })}</p>
      <ul className="columns">
        {evidence.entitled.map((v, i) => (
          <li key={`${v.voter}-${i}`}>
            {v.voter}
            {v.castBy ? t("castBy", { name: v.castBy }) : ""}
          </li>
        ))}
      </ul>
      {evidence.recused.length > 0 ? (
        <>
          <h3>{t("recusedTitle")}</h3>
          <ul>
            {evidence.recused.map((name, i) => (
              <li key={`${name}-${i}`}>{name}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** 法定人数的计算 and 表决结果: the counts frozen at opening and the rules engine's answer stored at close. */
export async function ResultSection({ evidence }: { evidence: Evidence }) {
  const t = await getTranslations("evidence");
  const { counts, result } = evidence;
  const yesNo = (value: boolean) => (value ? t("yes") : t("no"));
  return (
    <>
      <section aria-labelledby="quorum-title">
        <h2 id="quorum-title">{t("quorumTitle")}</h2>
        <dl className="facts">
          <dt>{t("quorumBasis")}</dt>
          <dd>{counts.basis === "households" ? t("basisHouseholds") : t("basisMembers")}</dd>
          <dt>{t("quorumExpected")}</dt>
          <dd>{counts.expected ?? "—"}</dd>
          <dt>{t("quorumPresent")}</dt>
          <dd>{counts.present ?? "—"}</dd>
          {counts.households !== null ? (
            <>
              <dt>{t("quorumHouseholds")}</dt>
              <dd>{counts.households}</dd>
            </>
          ) : null}
          <dt>{t("quorumRecused")}</dt>
          <dd>{counts.recusedCount ?? 0}</dd>
          {result ? (
            <>
              <dt>{t("quorumRequired")}</dt>
              <dd>{result.quorumRequired}</dd>
              <dt>{t("quorumMet")}</dt>
              <dd>{yesNo(result.quorumMet)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {result ? (
        <section aria-labelledby="result-title">
          <h2 id="result-title">{t("resultTitle")}</h2>
          <dl className="facts">
            <dt>{t("tallyYes")}</dt>
            <dd>{result.tally.yes}</dd>
            <dt>{t("tallyNo")}</dt>
            <dd>{result.tally.no}</dd>
            <dt>{t("tallyAbstain")}</dt>
            <dd>{result.tally.abstain}</dd>
            <dt>{t("tallyNotVoted")}</dt>
            <dd>{result.notVoted}</dd>
            <dt>{t("yesRequired")}</dt>
            <dd>{result.yesRequired}</dd>
            <dt>{t("outcome")}</dt>
            <dd>
              <strong>{result.passed ? t("passed") : t("failed")}</strong>
            </dd>
            <dt>{t("legalBasis")}</dt>
            <dd>{result.legalBasis.join("；")}</dd>
          </dl>
          <p>
            {t("explanation")}：<span lang="zh-CN">{result.explanation["zh-CN"]}</span>
          </p>
          <p lang="en" className="hint">
            {result.explanation.en}
          </p>
        </section>
      ) : null}
    </>
  );
}

/** 选票: named choices, the sorted trackers of a secret ballot (never voters), or the entered totals. */
export async function BallotsSection({ evidence }: { evidence: Evidence }) {
  const t = await getTranslations("evidence");
  const { ballots } = evidence;
  const choice = (c: string) => (t.has(`choice.${c}`) ? t(`choice.${c}`) : c);
  return (
    <section aria-labelledby="ballots-title">
      <h2 id="ballots-title">{t("ballotsTitle")}</h2>
      {ballots.kind === "named" ? (
        <>
          <p>{t("ballotsNamed")}</p>
          <ul className="columns">
            {ballots.votes.map((v, i) => (
              <li key={`${v.voter}-${i}`}>
                {v.voter}
                {v.castBy ? t("castBy", { name: v.castBy }) : ""}：{choice(v.choice)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {ballots.kind === "secret" ? (
        <>
          <p>{t("ballotsSecret")}</p>
          {ballots.trackers.length === 0 ? (
            <p>{t("ballotsSecretNone")}</p>
          ) : (
            <ol className="columns mono">
              {ballots.trackers.map((tracker) => (
                <li key={tracker}>{tracker}</li>
              ))}
            </ol>
          )}
        </>
      ) : null}
      {ballots.kind === "totals" ? (
        <p>
          {t("ballotsTotals", { enteredBy: ballots.enteredBy, confirmed: ballots.confirmedBy ? t("ballotsConfirmed", { name: ballots.confirmedBy }) : "" })}
        </p>
      ) : null}
      {ballots.kind === "none" ? <p>{t("ballotsNone")}</p> : null}
    </section>
  );
}

/** 会议记录哈希 and 包含证明: each finalized version's SHA-256, and the proofs of the close and result entries. */
export async function ProofsSection({ evidence }: { evidence: Evidence }) {
  const t = await getTranslations("evidence");
  const tAction = await getTranslations("auditActions");
  const format = await getFormatter();
  const when = (date: Date) => format.dateTime(date, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return (
    <>
      <section aria-labelledby="minutes-title">
        <h2 id="minutes-title">{t("minutesTitle")}</h2>
        {evidence.minutes.length === 0 ? <p>{t("minutesNone")}</p> : null}
        <ul className="list-plain">
          {evidence.minutes.map((m) => (
            <li key={m.version} className="card">
              <p>{t("minutesVersion", { version: m.version, when: when(m.finalizedAt) })}</p>
              <p className="mono">SHA-256 {m.sha256}</p>
              {m.reason ? <p>{t("minutesReason", { reason: m.reason })}</p> : null}
              <MinutesSignatures meetingId={evidence.meeting.id} signatures={m.signatures} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="proofs-title">
        <h2 id="proofs-title">{t("proofsTitle")}</h2>
        <p className="hint">{t("proofsIntro")}</p>
        {evidence.proofs.length === 0 ? <p>{t("proofsNone")}</p> : null}
        {evidence.proofs.map((p) => (
          <article key={p.seq} className="card" aria-labelledby={`proof-${p.seq}`}>
            <h3 id={`proof-${p.seq}`}>{t("proofEntry", { seq: p.seq, action: `${actionLabel(tAction, p.action)}（${p.action}）` })}</h3>
            {p.proof ? (
              <>
                <p>{t("proofCheckpoint", { size: p.proof.checkpointSize })}</p>
                <details>
                  <summary>{t("proofPath", { count: p.proof.path.length })}</summary>
                  <ol className="mono">
                    {p.proof.path.map((hash, i) => (
                      <li key={`${hash}-${i}`}>{hash}</li>
                    ))}
                  </ol>
                </details>
                <details>
                  <summary>{t("proofText")}</summary>
                  <pre className="mono">{p.proof.text}</pre>
                </details>
                <p>
                  <a className="button secondary" href={`/api/audit/proof?orgId=${encodeURIComponent(evidence.org.id)}&seq=${p.seq}`} download>
                    {t("proofDownload")}
                  </a>
                </p>
              </>
            ) : (
              <p className="alert">{t("proofError", { error: p.error })}</p>
            )}
          </article>
        ))}
      </section>
    </>
  );
}
