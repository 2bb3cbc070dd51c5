import { randomBytes } from "node:crypto";
import { getLocale, getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { plainVoteOf } from "@/server/queries/joinMeeting";

const CHOICES = ["yes", "no", "abstain"] as const;

/**
 * The vote as a plain HTML form, rendered on the server. The live page hides it once its JavaScript runs; where the
 * script never loads, the member still votes with it (the same command behind it).
 */
export async function PlainVote({ meetingId, voted, error }: { meetingId: string; voted?: string; error?: string }) {
  const account = await currentAccount();
  if (!account?.personId) return null;
  const t = await getTranslations("live");
  const tErr = await getTranslations("errors");
  const plain = await plainVoteOf(meetingId, account.personId);
  const me = plain?.me ?? null;
  const motion = plain?.motion ?? null;
  const rule = motion?.rule ?? null;
  const lang = (await getLocale()) === "en" ? "en" : "zh-CN";
  return (
    <div className="no-js-fallback">
      {voted ? (
        <p role="status" className="card">
          {CHOICES.includes(voted as "yes") ? t("voteRecorded", { choice: t(`choice.${voted as "yes"}`) }) : t("ballotCast")}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="alert">
          {tErr(error as "internal")}
        </p>
      ) : null}
      {me && motion?.state === "open" ? (
        <section className="panel">
          <h2>
            {t("vote")}：{motion.text}
          </h2>
          {rule ? (
            <div className="vote-rule">
              <p className="vote-rule-sentence">
                <strong>{rule.sentence[lang]}</strong>
              </p>
              <p className="vote-rule-basis hint">{rule.basis[lang]}</p>
            </div>
          ) : null}
          {me.ballots.map((ballot) => (
            <form key={ballot.voterPersonId} method="post" action={`/api/meetings/${meetingId}/vote`} className="ballot">
              <p>{ballot.isOwn ? t("ownVote") : t("proxyVote", { name: ballot.voterName })}</p>
              {ballot.hasVoted ? (
                <p className="ok-line">{ballot.choice ? t("yourVote", { choice: t(`choice.${ballot.choice as "yes"}`) }) : t("ballotCast")}</p>
              ) : null}
              <input type="hidden" name="motionId" value={ballot.motionId} />
              <input type="hidden" name="voterPersonId" value={ballot.voterPersonId} />
              <input type="hidden" name="clientId" value={randomBytes(16).toString("hex")} />
              {motion.method === "named" || !ballot.hasVoted ? (
                <div className="choices">
                  {CHOICES.map((choice) => (
                    <button key={choice} type="submit" name="choice" value={choice} className={`choice choice-${choice}`}>
                      <span aria-hidden="true" className="choice-icon">
                        {t(`choiceIcon.${choice}`)}
                      </span>
                      {t(`choice.${choice}`)}
                    </button>
                  ))}
                </div>
              ) : null}
            </form>
          ))}
        </section>
      ) : null}
    </div>
  );
}
