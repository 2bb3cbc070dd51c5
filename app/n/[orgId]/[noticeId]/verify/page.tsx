import { getTranslations } from "next-intl/server";
import { isAppError } from "@/server/errors";
import { noticePath } from "@/server/notice/links";
import { noticeVerification } from "@/server/queries/noticeVerify";
import { dateFormats } from "../../../parts";
import "../../../notice.css";

export const dynamic = "force-dynamic";

const ACTION_KEYS: Record<string, "notice_published" | "vote_closed" | "vote_result"> = {
  "notice.published": "notice_published",
  "vote.closed": "vote_closed",
  "vote.result": "vote_result",
};

/**
 * Where the printed notice's QR code leads for checking: the latest signed checkpoint (its note, verbatim) and the
 * inclusion proof of each audit entry behind this notice, as plain hex — no login, no script.
 */
export default async function VerifyNoticePage({ params }: { params: Promise<{ orgId: string; noticeId: string }> }) {
  const { orgId, noticeId } = await params;
  const t = await getTranslations("notices");
  const f = await dateFormats();
  let data: Awaited<ReturnType<typeof noticeVerification>>;
  try {
    data = await noticeVerification(orgId, noticeId);
  } catch (error) {
    if (!isAppError(error) || error.code !== "not_found") throw error;
    const te = await getTranslations("errors");
    return (
      <div>
        <h1>{t("indexTitle")}</h1>
        <p role="alert" className="alert">
          {te("not_found")}
        </p>
      </div>
    );
  }
  return (
    <div>
      <p>
        <a href={noticePath(orgId, noticeId)}>{t("backToNotice")}</a>
      </p>
      <h1>{t("verifyTitle", { title: data.notice.title })}</h1>
      <p>{t("verifyIntro")}</p>
      {data.textMatchesLog === true ? (
        <p className="nb-ok" role="status">
          {t("textMatches")}
        </p>
      ) : null}
      {data.textMatchesLog === false ? (
        <p className="alert" role="alert">
          {t("textDiffers")}
        </p>
      ) : null}
      <section aria-labelledby="checkpoint">
        <h2 id="checkpoint">{t("checkpoint")}</h2>
        {data.checkpoint ? (
          <>
            <p>{t("checkpointMeta", { size: data.checkpoint.size, date: f.dateTime(data.checkpoint.createdAt) })}</p>
            <pre className="nb-mono" data-testid="checkpoint-note">
              {data.checkpoint.note}
            </pre>
          </>
        ) : (
          <p>{t("noCheckpoint")}</p>
        )}
      </section>
      <section aria-labelledby="entries">
        <h2 id="entries">{t("entries")}</h2>
        {data.entries.map((entry) => (
          <article key={entry.seq} className="nb-card" data-seq={entry.seq}>
            <h3>{t(`actions.${ACTION_KEYS[entry.action] ?? "notice_published"}`)}</h3>
            <dl className="nb-facts">
              <dt>{t("entrySeq")}</dt>
              <dd>{entry.seq}</dd>
              <dt>{t("entryLeaf")}</dt>
              <dd className="nb-mono">{entry.leafHash}</dd>
              <dt>{t("entryPath")}</dt>
              <dd>
                {entry.path.length === 0 ? (
                  t("emptyPath")
                ) : (
                  <ol className="nb-mono">
                    {entry.path.map((hash, i) => (
                      <li key={i}>{hash}</li>
                    ))}
                  </ol>
                )}
              </dd>
              <dt>{t("entryCheck")}</dt>
              <dd className={entry.isIncluded ? "nb-open" : "nb-closed"}>{entry.isIncluded ? `✓ ${t("included")}` : t("notIncluded")}</dd>
            </dl>
          </article>
        ))}
      </section>
      <p className="hint">{t("offline")}</p>
    </div>
  );
}
