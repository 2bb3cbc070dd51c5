import { getTranslations } from "next-intl/server";
import { noticePath } from "@/server/notice/links";
import { REPLY_MAX } from "@/server/notice/text";
import { type InboxObjection, objectionInbox } from "@/server/queries/noticeObjections";
import { dateFormats } from "../../n/parts";
import { ConfirmBox } from "../publish/[orgId]/ConfirmBox";
import { deskViewer, one, type Query } from "../viewer";
import "../../n/notice.css";

export const dynamic = "force-dynamic";

const REASONS = ["personal_data", "already_replied", "too_long", "empty", "confirm"] as const;

async function Flash({ query }: { query: Query }) {
  const t = await getTranslations("noticeInbox");
  const te = await getTranslations("errors");
  if (one(query, "done") === "replied")
    return (
      <p role="status" className="nb-ok">
        {t("replied")}
      </p>
    );
  const error = one(query, "error");
  if (!error) return null;
  const reason = REASONS.find((r) => r === one(query, "reason") || r === one(query, "field"));
  return (
    <div role="alert" className="alert">
      {reason ? t(`errors.${reason}`, { max: REPLY_MAX }) : te.has(error) ? te(error as "internal") : te("internal")}
    </div>
  );
}

async function Item({ o, kindName }: { o: InboxObjection; kindName: string }) {
  const t = await getTranslations("noticeInbox");
  const tTown = await getTranslations("townPart");
  const f = await dateFormats();
  return (
    <article className="nb-card" aria-labelledby={`o-${o.id}`}>
      <h3 id={`o-${o.id}`}>{t("meta", { org: o.orgName, kind: kindName, title: o.noticeTitle, name: o.residentName, date: f.dateTime(o.createdAt) })}</h3>
      <p className="nb-body">{o.text}</p>
      <p>
        <a href={`${noticePath(o.orgId, o.noticeId)}#objections`}>{t("openNotice")}</a>
      </p>
      {o.reply && o.repliedAt ? (
        <p className="nb-reply">
          {o.replyByTownship ? <strong>{tTown("townshipOpinion")}：</strong> : null}
          {t("yourReply", { date: f.dateTime(o.repliedAt), text: o.reply })}
        </p>
      ) : (
        <>
          <p className={o.isOverdue ? "nb-overdue" : "hint"}>
            {t("replyBy", { date: f.date(o.replyBy) })}
            {o.isOverdue ? ` · ${t("overdue")}` : ""}
          </p>
          <form method="post" action={`/api/notices/objections/${encodeURIComponent(o.id)}/reply`} className="nb-form">
            <input type="hidden" name="back" value="/notices/objections" />
            <label htmlFor={`r-${o.id}`}>{t("replyLabel", { max: REPLY_MAX })}</label>
            <p id={`rh-${o.id}`} className="hint">
              {t("replyHint")}
            </p>
            <textarea id={`r-${o.id}`} name="text" maxLength={REPLY_MAX} required rows={4} aria-describedby={`rh-${o.id}`} />
            <ConfirmBox id={`c-${o.id}`} label={t("confirm")} />
            <button type="submit">{t("submit")}</button>
          </form>
        </>
      )}
    </article>
  );
}

/** 异议答复: the supervisors' inbox of residents' objections to their organizations' notices. */
export default async function ObjectionInboxPage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const viewer = await deskViewer();
  const t = await getTranslations("noticeInbox");
  const tn = await getTranslations("notices");
  const inbox = await objectionInbox(viewer);
  if (inbox.orgs.length === 0)
    return (
      <div>
        <h1>{t("title")}</h1>
        <p role="alert" className="alert">
          {t("onlySupervisors")}
        </p>
      </div>
    );
  const kindName = (kind: string) => tn(kind === "result" ? "kind.result" : "kind.decision");
  return (
    <div>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <Flash query={query} />
      <section aria-labelledby="open-objections">
        <h2 id="open-objections">{t("openTitle", { count: inbox.open.length })}</h2>
        {inbox.open.length === 0 ? <p>{t("none")}</p> : null}
        {inbox.open.map((o) => (
          <Item key={o.id} o={o} kindName={kindName(o.noticeKind)} />
        ))}
      </section>
      <section aria-labelledby="answered-objections">
        <h2 id="answered-objections">{t("answeredTitle")}</h2>
        {inbox.answered.length === 0 ? <p>{t("noneAnswered")}</p> : null}
        {inbox.answered.map((o) => (
          <Item key={o.id} o={o} kindName={kindName(o.noticeKind)} />
        ))}
      </section>
    </div>
  );
}
