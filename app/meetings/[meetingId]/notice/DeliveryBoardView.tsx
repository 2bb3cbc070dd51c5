import { getFormatter, getTranslations } from "next-intl/server";
import type { DeliveryBoard } from "@/server/queries/noticeDelivery";
import type { LocaleKey } from "../../../admin/ui";

const SHOWN_CHANNELS = ["in_app", "paper", "sms", "wecom"] as const;

/**
 * The log before a meeting, as the clerk, chair, recorder and supervisors see it: 已通知 n/m（最早 …），已签收，请假;
 * the notice period counted from the first delivery; the quorum forecast; and each member's channels and intent.
 */
export async function DeliveryBoardView({ board, locale }: { board: DeliveryBoard; locale: LocaleKey }) {
  const t = await getTranslations("delivery");
  const format = await getFormatter();
  const channels = SHOWN_CHANNELS.filter((c) => board.channels.includes(c) || board.members.some((m) => m.channels[c]));
  const day = (at: Date | null) => (at ? format.dateTime(at, { month: "numeric", day: "numeric" }) : "");
  return (
    <>
      <p className="summary" data-testid="delivery-summary">
        <strong>{board.summaryText[locale]}</strong>
      </p>
      <div className={board.forecast.reachable ? "card" : "warn-list"} role={board.forecast.reachable ? undefined : "alert"} data-testid="forecast">
        <h3>{t("forecastTitle")}</h3>
        <p>
          {board.forecast.message[locale]}（{board.forecast.legalBasis.join("、")}）
        </p>
      </div>
      <div className={board.warnings.length > 0 ? "warn-list" : "card"} role={board.warnings.length > 0 ? "note" : undefined}>
        <h3>{t("periodTitle")}</h3>
        {board.warnings.length === 0 ? (
          <p>{t("periodOk")}</p>
        ) : (
          <ul>
            {board.warnings.map((w) => (
              <li key={w.code}>
                {w.message[locale]}（{w.legalBasis}）
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="table-wrap">
        <table className="labelled">
          <thead>
            <tr>
              <th scope="col">{t("member")}</th>
              {channels.map((c) => (
                <th key={c} scope="col">
                  {t(`channels.${c}`)}
                </th>
              ))}
              <th scope="col">{t("intent")}</th>
            </tr>
          </thead>
          <tbody>
            {board.members.map((m) => (
              <tr key={m.personId}>
                <th scope="row">{m.name}</th>
                {channels.map((c) => {
                  const state = m.channels[c];
                  return (
                    <td key={c} data-label={t(`channels.${c}`)}>
                      {state ? (
                        <>
                          {t(`status.${state.status}` as "status.sent")} {day(state.at)}
                          {state.status === "queued" && state.attempts > 0 ? (
                            <span className="sub muted">{t("retries", { attempts: state.attempts + 1 })}</span>
                          ) : null}
                          {state.error && state.status !== "sent" && state.status !== "received" ? <span className="sub muted">{state.error}</span> : null}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  );
                })}
                <td data-label={t("intent")}>
                  {m.intent ? (
                    <>
                      {t(`intents.${m.intent.kind}` as "intents.leave")}
                      {m.intent.reason ? `：${m.intent.reason}` : ""}
                    </>
                  ) : (
                    t("noIntent")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
