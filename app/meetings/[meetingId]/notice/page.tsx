import { getFormatter, getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { meetingNotice } from "@/server/queries/meetingNotice";
import { load } from "@/server/web/loadPage";
import { Denied, localeKey } from "../../../admin/ui";
import "../../../admin/admin.css";

export const dynamic = "force-dynamic";

/**
 * The public 会议通知 (a public meeting's notice needs no login; the QR code on the printed notice leads here):
 * body, number, time, place, form, the agenda with each item's matter and voting rule, materials, convener and basis.
 */
export default async function MeetingNoticePage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const account = await currentAccount();
  const result = await load(() => meetingNotice(account ? { id: account.id, name: account.name } : null, meetingId));
  if (!result.ok) return <Denied code={result.code} />;
  const n = result.data;
  const t = await getTranslations("delivery");
  const format = await getFormatter();
  const locale = await localeKey();
  return (
    <article aria-labelledby="notice-title">
      <p className="muted">{n.orgName}</p>
      <h1 id="notice-title">{t("noticeTitle")}</h1>
      <p>
        <strong>
          {n.bodyName} · {n.number}
        </strong>
        　{n.title}
      </p>
      <dl className="facts">
        <dt>{t("when")}</dt>
        <dd>{format.dateTime(n.startsAt, { year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" })}</dd>
        <dt>{t("where")}</dt>
        <dd>{n.place}</dd>
        <dt>{t("form")}</dt>
        <dd>{t(`forms.${n.form}` as "forms.in_person")}</dd>
        <dt>{t("convener")}</dt>
        <dd>{n.convener?.[locale] ?? "—"}</dd>
        <dt>{t("basis")}</dt>
        <dd>{n.convenerBasis[locale]}</dd>
        {n.chair ? (
          <>
            <dt>{t("chair")}</dt>
            <dd>{n.chair}</dd>
          </>
        ) : null}
      </dl>
      <p>{n.issuedAt ? t("issuedOn", { date: format.dateTime(n.issuedAt, { year: "numeric", month: "long", day: "numeric" }) }) : t("notIssued")}</p>
      <section aria-labelledby="notice-agenda">
        <h2 id="notice-agenda">{t("agenda")}</h2>
        {n.agenda.length === 0 ? (
          <p>{t("noItems")}</p>
        ) : (
          <ol>
            {n.agenda.map((item) => (
              <li key={item.position}>
                <strong>{item.title}</strong>
                {item.matter ? (
                  <>
                    {" "}
                    · {t("matter")}：{item.matter}
                  </>
                ) : null}
                <br />
                <span className="muted">
                  {t("rule")}：{item.rule[locale]}（{item.legalBasis.join("、")}）
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="notice-materials">
        <h2 id="notice-materials">{t("materials")}</h2>
        {n.materials.length === 0 ? (
          <p>{t("noMaterials")}</p>
        ) : (
          <ul>
            {n.materials.map((m) => (
              <li key={m.id}>
                <a href={`/meetings/${n.id}/materials/${m.id}`}>{m.filename}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>{t("signHint")}</p>
      <p className="actions">
        <a className="button" href="/me">
          {t("openMine")}
        </a>
        <a className="button secondary" href={`/meetings/${n.id}/notice/pdf`}>
          {t("printNotice")}
        </a>
      </p>
    </article>
  );
}
