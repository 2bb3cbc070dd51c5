import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { type MatterStage, STAGE_INFO } from "@/server/domain/matter";
import { isAppError } from "@/server/errors";
import { noticePath, pdfPath } from "@/server/notice/links";
import { noticeBoard, type PublicNotice } from "@/server/queries/noticeBoard";
import { CountdownLine, PeriodLines, VoteLine } from "../parts";
import "../notice.css";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ orgId: string }> };

async function loadBoard(orgId: string) {
  try {
    return await noticeBoard(orgId);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const board = await loadBoard((await params).orgId);
  const t = await getTranslations("notices");
  return { title: board ? t("boardTitle", { org: board.org.name }) : t("indexTitle") };
}

async function NoticePart({ notice, label, matterTitle }: { notice: PublicNotice; label: string; matterTitle: string }) {
  const t = await getTranslations("notices");
  return (
    <div className="nb-part">
      <h3>
        <span className="nb-tag">{label}</span>
        {notice.supersedesId ? <span className="nb-tag">{t("correctionTag")}</span> : null}
      </h3>
      <p className="nb-body">{notice.body}</p>
      {notice.voteSummary ? <VoteLine summary={notice.voteSummary} /> : null}
      <PeriodLines notice={notice} />
      <CountdownLine notice={notice} />
      <p className="hint">{t("objectionsCount", { count: notice.objectionCount, answered: notice.answeredCount })}</p>
      <div className="nb-links">
        <a href={noticePath(notice.orgId, notice.id)}>{t("readMore", { title: `${matterTitle}（${label}）` })}</a>
        <a href={pdfPath(notice.orgId, notice.id)}>{t("printable")}</a>
      </div>
    </div>
  );
}

/** An organization's public notice board: each decided matter, its decision and later its implementation result. */
export default async function NoticeBoardPage({ params }: Params) {
  const { orgId } = await params;
  const t = await getTranslations("notices");
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  const board = await loadBoard(orgId);
  if (!board) {
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
  return (
    <div>
      <p>
        <a href="/n">{t("allBoards")}</a>
      </p>
      <h1>{t("boardTitle", { org: board.org.name })}</h1>
      <p>{t("boardIntro")}</p>
      {board.matters.length === 0 ? <p>{t("noNotices")}</p> : null}
      {board.matters.map((matter) => (
        <article key={matter.id} className="nb-card" aria-labelledby={`m-${matter.id}`}>
          <h2 id={`m-${matter.id}`}>{matter.title}</h2>
          <p className="hint">{t("stage", { stage: STAGE_INFO[matter.stage as MatterStage]?.name[locale] ?? matter.stage })}</p>
          {matter.decision ? <NoticePart notice={matter.decision} label={t("kind.decision")} matterTitle={matter.title} /> : null}
          {matter.result ? (
            <NoticePart notice={matter.result} label={t("kind.result")} matterTitle={matter.title} />
          ) : matter.decision ? (
            <p className="nb-part hint">{t("resultPending")}</p>
          ) : null}
        </article>
      ))}
    </div>
  );
}
