"use client";

import { useTranslations } from "use-intl";
import type { LiveView, VoteRule } from "@/server/queries/liveMeeting";
import { useLang } from "./panels";

/**
 * What will decide the vote (issue #16): body, matter kind and who set it, the exact number of yes votes needed and
 * the legal basis of the edition in force on the meeting's day. Shown before and during the vote, and with the result.
 */
export function VoteRuleBox({ rule, id }: { rule: VoteRule; id?: string }) {
  const t = useTranslations("live.rule");
  const lang = useLang();
  return (
    <div className="vote-rule" id={id}>
      <p className="vote-rule-head">
        {t("body")}：{rule.bodyName[lang]} · {t("kind")}：{rule.matterName[lang]}（{rule.kindSource === "matter" ? t("fromMatter") : t("fromChair")}）
      </p>
      <p className="vote-rule-sentence">
        <strong>{rule.sentence[lang]}</strong>
      </p>
      <p className="vote-rule-basis hint">{rule.basis[lang]}</p>
    </div>
  );
}

/** The vote on the current item: progress while open; the result with its legal basis once visible to this audience. */
export function MotionPanel({ view }: { view: LiveView }) {
  const t = useTranslations("live");
  const tTrackers = useTranslations("trackers");
  const lang = useLang();
  const motion = view.motion;
  if (!motion) return null;
  const result = motion.result;
  return (
    <section className="panel motion" aria-labelledby="motion-title" aria-live="polite">
      <h2 id="motion-title">
        {t("vote")}：{motion.text}
      </h2>
      <p className="hint">{t(`method.${motion.method}` as "method.named")}</p>
      {/* Before and during the vote; with the result, its own line compares against the same number. */}
      {motion.rule && !result ? <VoteRuleBox rule={motion.rule} /> : null}
      {motion.state === "open" ? (
        <>
          <p className="progress">{t("progress", { cast: motion.castCount, entitled: motion.entitledCount })}</p>
          <progress
            max={motion.entitledCount}
            value={motion.castCount}
            aria-label={t("progress", { cast: motion.castCount, entitled: motion.entitledCount })}
          />
          {motion.notVoted && motion.notVoted.length > 0 ? <p>{t("notVoted", { names: motion.notVoted.join("、") })}</p> : null}
        </>
      ) : null}
      {motion.state !== "open" && !result ? <p>{t("awaitingAnnouncement")}</p> : null}
      {result ? (
        <div className={`result ${result.passed ? "passed" : "failed"}`}>
          <p className="result-verdict">
            <span aria-hidden="true">{result.passed ? "✔" : "✘"}</span> {t("result")}：{result.passed ? t("passed") : t("notPassed")}
          </p>
          <p>{t("tally", { yes: result.tally.yes, no: result.tally.no, abstain: result.tally.abstain })}</p>
          {/* The result compares against the number announced before the vote. */}
          <p className="result-against">
            {t("rule.against", { yes: result.tally.yes, needed: result.yesRequired, verdict: result.passed ? t("passed") : t("notPassed") })}
          </p>
          <p>{result.explanation[lang]}</p>
          {motion.method === "secret" && motion.state === "announced" ? (
            <p>
              <a href={`/meetings/${view.meeting.id}/trackers`}>{tTrackers("checkList")}</a>
            </p>
          ) : null}
          {motion.namedVotes && motion.namedVotes.length > 0 ? (
            <details>
              <summary>{t("namedVotes")}</summary>
              <ul>
                {motion.namedVotes.map((v) => (
                  <li key={v.name}>
                    {v.name}：{t(`choice.${v.choice}` as "choice.yes")}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export function AnnouncedList({ view }: { view: LiveView }) {
  const t = useTranslations("live");
  if (view.announced.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="announced-title">
      <h2 id="announced-title">{t("announcedResults")}</h2>
      <ul>
        {view.announced.map((m) => (
          <li key={m.id}>
            {m.text}：<strong>{m.passed ? t("passed") : t("notPassed")}</strong>（{t("tally", { yes: m.tally.yes, no: m.tally.no, abstain: m.tally.abstain })}）
          </li>
        ))}
      </ul>
    </section>
  );
}
