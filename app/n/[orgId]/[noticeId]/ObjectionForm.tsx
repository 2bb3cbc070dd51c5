import { getTranslations } from "next-intl/server";
import { noticePath } from "@/server/notice/links";
import { OBJECTION_MAX } from "@/server/notice/text";
import type { ObjectionStatus } from "@/server/queries/noticeViewer";
import { dateFormats } from "../../parts";

/**
 * The objection form under a notice — a plain form post (no script needed). Anonymous visitors are told to log in;
 * others see why they cannot object, or the form with what is left of today's allowance.
 */
export async function ObjectionForm({ orgId, noticeId, status }: { orgId: string; noticeId: string; status: ObjectionStatus }) {
  const t = await getTranslations("notices");
  const f = await dateFormats();
  const here = noticePath(orgId, noticeId);
  let content: React.ReactNode;
  switch (status.kind) {
    case "anonymous":
      content = (
        <p>
          {t("loginFirst")} <a href="/login">{t("loginLink")}</a>
          {t("loginAfter")}
        </p>
      );
      break;
    case "not_resident":
      content = <p>{t("notResident")}</p>;
      break;
    case "superseded":
      content = (
        <p>
          {t("closedSuperseded")} <a href={noticePath(orgId, status.currentId)}>{t("seeCurrent")}</a>
        </p>
      );
      break;
    case "closed":
      content = <p role="status">{t("closed", { date: f.dateTime(status.endsAt) })}</p>;
      break;
    case "open":
      content =
        status.remainingToday === 0 ? (
          <p role="status">{t("capReached", { max: status.max })}</p>
        ) : (
          <form method="post" action={`/api/notices/${encodeURIComponent(noticeId)}/objections`} className="nb-form">
            <input type="hidden" name="back" value={here} />
            <label htmlFor="objection-text">{t("textLabel", { max: OBJECTION_MAX })}</label>
            <p id="objection-hint" className="hint">
              {t("textHint")}
            </p>
            <textarea id="objection-text" name="text" required maxLength={OBJECTION_MAX} aria-describedby="objection-hint objection-left" rows={6} />
            <p id="objection-left" className="hint">
              {t("remainingToday", { count: status.remainingToday, max: status.max })}
            </p>
            <button type="submit">{t("submit")}</button>
          </form>
        );
      break;
  }
  return (
    <section aria-labelledby="objection-form">
      <h2 id="objection-form">{t("formTitle")}</h2>
      {content}
    </section>
  );
}
