import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { boardPath, isWeChat, noticePath, pdfPath, siteOrigin, verifyPath } from "@/server/notice/links";
import { noticeCertificate } from "@/server/queries/certificate";
import { noticeDetail } from "@/server/queries/noticeBoard";
import { objectionStatus } from "@/server/queries/noticeViewer";
import { CertificateBadges } from "../../../c/CertificateBadges";
import { CountdownLine, dateFormats, PeriodLines, VoteResult } from "../../parts";
import { ObjectionFlash } from "./Flash";
import { ObjectionForm } from "./ObjectionForm";
import "../../notice.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ orgId: string; noticeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(orgId: string, noticeId: string) {
  try {
    return await noticeDetail(orgId, noticeId);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgId, noticeId } = await params;
  const detail = await load(orgId, noticeId);
  const t = await getTranslations("notices");
  return { title: detail ? `${t(`kind.${detail.notice.kind}`)}：${detail.notice.title}` : t("indexTitle") };
}

/**
 * One notice in full, for anyone: the decision (or implementation result), the vote, the period and its countdown,
 * links to the printable PDF and the verification, then objections and the supervisors' replies, and the form.
 */
export default async function NoticePage({ params, searchParams }: Props) {
  const { orgId, noticeId } = await params;
  const query = await searchParams;
  const one = (key: string) => (Array.isArray(query[key]) ? query[key][0] : query[key]);
  const t = await getTranslations("notices");
  const tTown = await getTranslations("townPart");
  const f = await dateFormats();
  const detail = await load(orgId, noticeId);
  if (!detail) {
    const te = await getTranslations("errors");
    return (
      <div>
        <h1>{t("indexTitle")}</h1>
        <p role="alert" className="alert">
          {te("not_found")}
        </p>
        <p>
          <a href="/n">{t("allBoards")}</a>
        </p>
      </div>
    );
  }
  const { notice, org } = detail;
  const account = await currentAccount();
  const status = await objectionStatus(notice, account?.id ?? null);
  const requestHeaders = await headers();
  const weChat = isWeChat(requestHeaders.get("user-agent")) || one("from") === "pdf";
  const certificate = await noticeCertificate(notice.id);
  return (
    <div>
      <p>
        <a href={boardPath(org.id)}>{t("backToBoard", { org: org.name })}</a>
      </p>
      {weChat ? (
        <div className="nb-hint" role="note">
          <strong>{t("wechatHint")}</strong>
          {t("wechatWhy")}
        </div>
      ) : null}
      {notice.supersededById ? (
        <div className="alert" role="note">
          {t("superseded")} <a href={noticePath(org.id, notice.supersededById)}>{t("seeCurrent")}</a>
        </div>
      ) : null}
      {notice.supersedesId ? (
        <div className="nb-hint" role="note">
          {t("correctionOf", { reason: notice.correctionReason ?? "" })} <a href={noticePath(org.id, notice.supersedesId)}>{t("seeOriginal")}</a>
        </div>
      ) : null}
      <p className="hint">{org.name}</p>
      <h1>
        <span className="nb-tag">{t(`kind.${notice.kind}`)}</span>
        {notice.title}
      </h1>
      <p className="nb-body">{notice.body}</p>
      {notice.voteSummary ? <VoteResult summary={notice.voteSummary} headingLevel={2} /> : null}
      <PeriodLines notice={notice} />
      <CountdownLine notice={notice} />
      <p className="hint">{t("deadlines", { ends: f.dateTime(notice.endsAt), reply: f.date(notice.replyBy) })}</p>
      {certificate ? <CertificateBadges certificates={[certificate]} origin={siteOrigin(requestHeaders)} /> : null}
      <div className="nb-links">
        <a href={pdfPath(org.id, notice.id)}>{t("printable")}</a>
        <a href={verifyPath(org.id, notice.id)}>{t("verify")}</a>
      </div>
      {detail.chain.length > 1 ? (
        <section aria-labelledby="versions">
          <h2 id="versions">{t("history")}</h2>
          <ol>
            {detail.chain.map((c) => (
              <li key={c.id}>
                {c.id === notice.id ? (
                  t("historyItem", { date: f.dateTime(c.postedAt) })
                ) : (
                  <a href={noticePath(org.id, c.id)}>{t("historyItem", { date: f.dateTime(c.postedAt) })}</a>
                )}
                {c.isCurrent ? t("historyCurrent") : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="objections-title" id="objections">
        <h2 id="objections-title">{t("objectionsTitle")}</h2>
        <p className="hint">{t("objectionsIntro")}</p>
        <ObjectionFlash done={one("done")} error={one("error")} reason={one("reason")} />
        {detail.objections.length === 0 ? <p>{t("noObjections")}</p> : null}
        <ol className="nb-objections">
          {detail.objections.map((o) => (
            <li key={o.id}>
              <h3>{t("objectionHeading", { number: o.number, date: f.dateTime(o.createdAt) })}</h3>
              <p className="nb-body">{o.text}</p>
              {o.reply && o.repliedAt ? (
                <div className="nb-reply">
                  <strong>
                    {o.replyByTownship
                      ? tTown("townshipReplyHeading", { date: f.dateTime(o.repliedAt) })
                      : t("replyHeading", { date: f.dateTime(o.repliedAt) })}
                  </strong>
                  <p className="nb-body">{o.reply}</p>
                </div>
              ) : (
                <p className="hint">{t("awaitingReply")}</p>
              )}
            </li>
          ))}
        </ol>
      </section>
      <ObjectionForm orgId={org.id} noticeId={notice.id} status={status} />
    </div>
  );
}
