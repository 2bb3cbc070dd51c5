"use client";

import { useTranslations } from "use-intl";
import { useEffect, useState } from "react";
import { MotionPanel } from "../live/MotionPanel";
import { ConnectionBanner, CurrentItem, QuorumPanel, SpeakersPanel } from "../live/panels";
import { useLiveMeeting } from "../live/useLiveMeeting";
import { TIME_ZONE } from "@/app/i18n/locales";

/** The hall's projector at 1920×1080: current item, quorum, vote progress or the announced result, the speaker's clock. */
export function Projector({ meetingId, qrSvg, joinUrl }: { meetingId: string; qrSvg: string; joinUrl: string }) {
  const t = useTranslations("live");
  const { view, connection } = useLiveMeeting(meetingId, { publicView: true });
  const [clock, setClock] = useState("");
  useEffect(() => {
    const format = new Intl.DateTimeFormat("zh-CN", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: TIME_ZONE });
    const tick = () => setClock(format.format(new Date()));
    tick();
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="screen">
      <div>
        <ConnectionBanner connection={connection} />
        {view ? (
          <>
            <h1>{view.meeting.bodyName} · {view.meeting.number}</h1>
            <CurrentItem view={view} />
            <MotionPanel view={view} />
            <SpeakersPanel view={view} />
          </>
        ) : <p>{t("connecting")}</p>}
      </div>
      <aside className="screen-side" aria-label={t("screen.scanToJoin")}>
        <div className="screen-clock" aria-label={t("screen.clock")}>{clock}</div>
        {view ? <QuorumPanel view={view} /> : null}
        <div className="screen-qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <p>{t("screen.scanToJoin")}</p>
        <p className="hint">{joinUrl}</p>
      </aside>
    </div>
  );
}
