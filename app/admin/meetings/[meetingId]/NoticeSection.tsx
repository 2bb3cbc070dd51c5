import { getTranslations } from "next-intl/server";
import type { DeliveryBoard } from "@/server/queries/noticeDelivery";
import { DeliveryBoardView } from "../../../meetings/[meetingId]/notice/DeliveryBoardView";
import { toDateInput } from "../../query";
import { Back, type LocaleKey } from "../../ui";

/** 会议通知与签收: issue the notice, print it and the 签收单, tick paper receipts, and read the log and forecast. */
export async function NoticeSection({ board, editable, back, locale }: { board: DeliveryBoard; editable: boolean; back: string; locale: LocaleKey }) {
  const t = await getTranslations("delivery");
  const action = `/api/meetings/${board.meetingId}/notice`;
  const outside = board.channels.filter((c) => c === "sms" || c === "wecom");
  return (
    <section className="card" aria-labelledby="notice-section">
      <h2 id="notice-section">{t("section")}</h2>
      <p className="actions">
        <a className="button secondary" href={`/meetings/${board.meetingId}/notice`}>
          {t("noticeLink")}
        </a>
        <a className="button secondary" href={`/meetings/${board.meetingId}/notice/pdf`}>
          {t("printNotice")}
        </a>
        <a className="button secondary" href={`/meetings/${board.meetingId}/notice/receipts`}>
          {t("printReceipts")}
        </a>
      </p>
      {editable ? (
        <form method="post" action={`${action}/send`}>
          <Back to={back} />
          <fieldset>
            <legend>{t("channelsLabel")}</legend>
            {(["in_app", ...outside] as const).map((c) => (
              <label key={c} className="check">
                <input type="checkbox" name="channels" value={c} defaultChecked /> {t(`channels.${c}`)}
              </label>
            ))}
            {outside.length === 0 ? <p className="hint">{t("channelsOff")}</p> : null}
          </fieldset>
          <p className="hint">{t("sendHint")}</p>
          <p>
            <button type="submit">{t("send")}</button>
          </p>
        </form>
      ) : null}
      <DeliveryBoardView board={board} locale={locale} />
      {editable ? (
        <form method="post" action={`${action}/paper`} encType="multipart/form-data">
          <Back to={back} />
          <h3>{t("paperTitle")}</h3>
          <p className="hint" id="paper-hint">
            {t("paperHint")}
          </p>
          <fieldset aria-describedby="paper-hint">
            <legend>{t("channels.paper")}</legend>
            {board.members.map((m) => (
              <label key={m.personId} className="check">
                <input
                  type="checkbox"
                  name="personIds"
                  value={m.personId}
                  disabled={m.channels.paper?.status === "received"}
                  defaultChecked={m.channels.paper?.status === "received"}
                />{" "}
                {m.name}
              </label>
            ))}
          </fieldset>
          <label htmlFor="paper-date">{t("signedOn")}</label>
          <input id="paper-date" name="signedOn" type="date" required defaultValue={toDateInput(new Date())} />
          <label htmlFor="paper-scan">{t("scan")}</label>
          <input id="paper-scan" name="scan" type="file" accept="application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp" />
          <p>
            <button type="submit">{t("tick")}</button>
          </p>
        </form>
      ) : null}
    </section>
  );
}
