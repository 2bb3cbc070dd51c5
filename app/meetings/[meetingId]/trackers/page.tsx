import { getFormatter, getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { publishedTrackers } from "@/server/queries/ballotTrackers";
import { load } from "@/server/web/loadPage";
import { Denied } from "../../../admin/ui";
import { TrackerSearch } from "./TrackerSearch";
import "./trackers.css";

export const dynamic = "force-dynamic";

/**
 * /meetings/<id>/trackers: the sorted trackers of every announced secret ballot, public for a public meeting, with
 * a search that runs in the browser (the tracker a voter types, or the one in the QR's #fragment, never reaches the
 * server) and the words that say what a match proves.
 */
export default async function TrackersPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const account = await currentAccount();
  const result = await load(() => publishedTrackers(account ? { id: account.id, name: account.name } : null, meetingId));
  if (!result.ok) return <Denied code={result.code} />;
  const { meeting, motions, pending } = result.data;
  const t = await getTranslations("trackers");
  const format = await getFormatter();
  return (
    <div className="trackers-page">
      <h1>{t("title")}</h1>
      <p>
        {meeting.bodyName} · {meeting.number} · {meeting.title}
      </p>
      <p>{t("intro")}</p>
      <p className="trackers-proves">
        <strong>{t("proves")}</strong>
      </p>
      {motions.length > 0 ? <TrackerSearch motions={motions.map((m) => ({ id: m.id, text: m.text, trackers: m.trackers }))} /> : null}
      <noscript>
        <p className="hint">{t("noScript")}</p>
      </noscript>
      {motions.length === 0 ? <p className="card">{t("none")}</p> : null}
      {pending > 0 ? <p className="hint">{t("pending", { count: pending })}</p> : null}
      {motions.map((m) => (
        <section key={m.id} className="panel" aria-labelledby={`motion-${m.id}`}>
          <h2 id={`motion-${m.id}`}>{t("motion", { motion: m.text })}</h2>
          <p className="hint">
            {t("announcedAt", {
              time: format.dateTime(new Date(m.announcedAt), { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" }),
            })}
            {" · "}
            {t("count", { count: m.ballots, trackers: m.trackers.length })}
          </p>
          <ol className="tracker-list">
            {m.trackers.map((tracker) => (
              <li key={tracker} id={`t-${m.id}-${tracker}`}>
                {tracker}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
