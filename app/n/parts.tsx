import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { VoteSummary } from "@/server/notice/voteSummary";
import type { PublicNotice } from "@/server/queries/noticeBoard";

export async function dateFormats() {
  const format = await getFormatter();
  return {
    date: (d: Date) => format.dateTime(d, { year: "numeric", month: "long", day: "numeric" }),
    dateTime: (d: Date) => format.dateTime(d, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
  };
}

/** 公示中，还剩 5 天 3 小时 — computed when the page is served; the page needs no script to show it. */
export async function CountdownLine({ notice }: { notice: PublicNotice }) {
  const t = await getTranslations("notices");
  const f = await dateFormats();
  if (notice.supersededById) return <p className="nb-closed">{t("supersededShort")}</p>;
  const c = notice.countdown;
  if (!c.isOpen) return <p className="nb-closed">{t("ended", { date: f.dateTime(notice.endsAt) })}</p>;
  return (
    <p className="nb-open" data-countdown={`${c.days}d${c.hours}h`}>
      {c.days > 0 ? t("remaining", { days: c.days, hours: c.hours }) : t("remainingHours", { hours: c.hours, minutes: c.minutes })}
    </p>
  );
}

export async function PeriodLines({ notice }: { notice: PublicNotice }) {
  const t = await getTranslations("notices");
  const f = await dateFormats();
  return (
    <>
      <p>{t("posted", { date: f.date(notice.postedAt) })}</p>
      <p>{t("period", { from: f.dateTime(notice.postedAt), to: f.dateTime(notice.endsAt), days: notice.periodDays })}</p>
    </>
  );
}

/** The vote result as the record holds it: totals, the rule's threshold and legal basis, the engine's explanation. */
export async function VoteResult({ summary, headingLevel = 3 }: { summary: VoteSummary; headingLevel?: 2 | 3 }) {
  const t = await getTranslations("notices");
  const f = await dateFormats();
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-label={t("voteTitle")}>
      <Heading>{t("voteTitle")}</Heading>
      <dl className="nb-facts">
        <dt>{t("meeting")}</dt>
        <dd>{t("meetingValue", { body: summary.bodyName, number: summary.meetingNumber, date: f.date(new Date(summary.heldAt)) })}</dd>
        <dt>{t("motion")}</dt>
        <dd>{summary.motionText}</dd>
        {summary.expected !== null && summary.present !== null ? (
          <>
            <dt>{t("attendance")}</dt>
            <dd>{t("attendanceValue", { expected: summary.expected, present: summary.present, entitled: summary.entitledCount })}</dd>
          </>
        ) : null}
        <dt>{t("tally")}</dt>
        <dd>{t("tallyValue", { yes: summary.yes, no: summary.no, abstain: summary.abstain, notVoted: summary.notVoted })}</dd>
        <dt>{t("outcome")}</dt>
        <dd>
          <strong>{summary.passed ? t("passed", { required: summary.yesRequired }) : t("notPassed", { required: summary.yesRequired })}</strong>
        </dd>
        <dt>{t("legalBasis")}</dt>
        <dd>{summary.legalBasis.join("；")}</dd>
        <dt>{t("explanation")}</dt>
        <dd>{summary.explanation[locale]}</dd>
      </dl>
      <p className="hint">{t("totalsOnly")}</p>
    </section>
  );
}

/** The board's short form of the vote: totals, outcome and legal basis in two lines; the notice page has the rest. */
export async function VoteLine({ summary }: { summary: VoteSummary }) {
  const t = await getTranslations("notices");
  return (
    <p>
      {t("tallyValue", { yes: summary.yes, no: summary.no, abstain: summary.abstain, notVoted: summary.notVoted })}
      {" · "}
      <strong>{summary.passed ? t("passed", { required: summary.yesRequired }) : t("notPassed", { required: summary.yesRequired })}</strong>
      <br />
      <span className="hint">
        {t("legalBasis")}：{summary.legalBasis.join("；")}
      </span>
    </p>
  );
}
