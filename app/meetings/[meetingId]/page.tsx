import { headers } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import { isWeChat } from "@/server/minutes/qrContent";
import { meetingInfo } from "@/server/queries/meetingInfo";
import { deliveryBoard } from "@/server/queries/noticeDelivery";
import { townshipAttendeePanel } from "@/server/queries/townshipParticipation";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { one, type Query, sizeText } from "../../admin/query";
import { Denied, localeKey } from "../../admin/ui";
import { Opinions } from "../../matters/[matterId]/Opinions";
import "../../admin/admin.css";
import { DeliveryBoardView } from "./notice/DeliveryBoardView";
import { TownshipAttendee } from "./TownshipAttendee";

export const dynamic = "force-dynamic";

/** A meeting for its participants: when and where, who convenes and on what basis, the agenda, and the materials. */
export default async function MeetingPage({ params, searchParams }: { params: Promise<{ meetingId: string }>; searchParams: Promise<Query> }) {
  const { meetingId } = await params;
  const query = await searchParams;
  const done = one(query, "done");
  const reason = one(query, "reason");
  const viewer = await viewerOrLogin();
  const result = await load(() => meetingInfo(viewer, meetingId));
  if (!result.ok) return <Denied code={result.code} />;
  const m = result.data;
  const t = await getTranslations("meetingInfo");
  const tm = await getTranslations("me");
  const format = await getFormatter();
  const locale = await localeKey();
  const isLive = m.state === "scheduled" || m.state === "in_session";
  // The chair, the recorder, the clerk and supervisors see the notice log and the quorum forecast (issue #22).
  const board = m.state === "scheduled" ? await load(() => deliveryBoard(viewer, m.id)) : null;
  const td = await getTranslations("delivery");
  // The township above (issue #20): its reviewers attending as 列席; the chair or the recorder adds them.
  const township = await load(() => townshipAttendeePanel(viewer.id, m.id));
  // WeChat's browser neither downloads files nor shows a PDF: say how to open one, and offer no download there.
  const inWeChat = isWeChat((await headers()).get("user-agent"));
  return (
    <div>
      <h1>
        {m.body.name} · {m.number}
      </h1>
      <p>{m.title}</p>
      <p>
        <strong>{tm(`state.${m.state}` as "state.scheduled")}</strong>
      </p>
      {isLive ? (
        <p>
          <a className="button" href={`/meetings/${m.id}/live`}>
            {t("enter")}
          </a>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("when")}</dt>
        <dd>{format.dateTime(m.startsAt, { year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" })}</dd>
        <dt>{t("where")}</dt>
        <dd>{m.place}</dd>
        <dt>{t("form")}</dt>
        <dd>{t(`forms.${m.form}` as "forms.in_person")}</dd>
        <dt>{t("org")}</dt>
        <dd>{m.org.name}</dd>
        <dt>{t("convener")}</dt>
        <dd>
          {m.convener ? m.convener.who[locale] : "—"}（{t(`basis.${m.convenerBasis}` as "basis.regular")}
          {m.convenerBasis === "petition" && m.petitioners !== null ? t("petitionCount", { count: m.petitioners }) : null}）
        </dd>
        <dt>{t("noticeDate")}</dt>
        <dd>{m.noticeDate ? format.dateTime(m.noticeDate, { year: "numeric", month: "long", day: "numeric" }) : t("none")}</dd>
        <dt>{t("chair")}</dt>
        <dd>{m.body.chair?.name ?? t("none")}</dd>
        <dt>{t("recorder")}</dt>
        <dd>{m.body.recorder?.name ?? t("none")}</dd>
      </dl>
      {m.isAdmin ? (
        <p>
          <a href={`/admin/meetings/${m.id}`}>{t("manage")}</a>
        </p>
      ) : null}
      <p>
        <a href={`/meetings/${m.id}/notice`}>{td("noticeLink")}</a>
      </p>
      {board?.ok ? (
        <section aria-labelledby="before-meeting">
          <h2 id="before-meeting">{td("boardTitle")}</h2>
          <DeliveryBoardView board={board.data} locale={locale} />
        </section>
      ) : null}
      {township.ok && township.data ? <TownshipAttendee meetingId={m.id} panel={township.data} done={done === "townshipAttendee"} reason={reason} /> : null}
      <Opinions
        target={{ meetingId: m.id }}
        orgId={m.orgId}
        opinions={m.opinions}
        canWrite={m.canWriteTownshipOpinion}
        saved={one(query, "saved") === "1"}
        query={query}
        when={(date) => format.dateTime(date, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" })}
      />
      <section aria-labelledby="agenda">
        <h2 id="agenda">{t("agenda")}</h2>
        {m.agenda.length === 0 ? (
          <p>{t("noItems")}</p>
        ) : (
          <ol>
            {m.agenda.map((item) => (
              <li key={item.id}>
                {item.title}
                {item.matter ? (
                  <>
                    {" "}
                    · <a href={`/matters/${item.matter.id}`}>{t("matterLink")}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="materials">
        <h2 id="materials">{t("materials")}</h2>
        {m.materials.length === 0 ? (
          <p>{t("noMaterials")}</p>
        ) : (
          <ul className="list-plain">
            {m.materials.map((file) => (
              <li key={file.id} className="card">
                <p>
                  <strong>{file.filename}</strong>{" "}
                  <span className="muted">
                    （{t(file.mime === "application/pdf" ? "pdf" : "image")} · {sizeText(file.size)}）
                  </span>
                </p>
                {inWeChat && file.mime === "application/pdf" ? (
                  <p role="note">
                    <strong>{t("wechatPdf")}</strong>
                  </p>
                ) : null}
                <div className="actions">
                  <a className="button" href={`/meetings/${m.id}/materials/${file.id}`}>
                    {t("open")}
                  </a>
                  {inWeChat ? null : (
                    <a className="button secondary" href={`/meetings/${m.id}/materials/${file.id}?download=1`}>
                      {t("download")}
                    </a>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
