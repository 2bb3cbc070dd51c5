"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ChairConsole } from "./ChairConsole";
import { TotalsForm } from "./ChairControls";
import { MemberPhone } from "./MemberPhone";
import { AnnouncedList, MotionPanel } from "./MotionPanel";
import { ConnectionBanner, CurrentItem, MeetingHeader, QuorumPanel, SpeakersPanel } from "./panels";
import { useLiveMeeting, type Joined } from "./useLiveMeeting";

/** One page for everyone in the room: the chair's console, a member's phone, or an observer's view. */
export function LiveRoom({ meetingId, initial }: { meetingId: string; initial: Joined | null }) {
  const t = useTranslations("live");
  const tErr = useTranslations("errors");
  const { view, me, roles, connection, joinError, send } = useLiveMeeting(meetingId, { initial });
  const [paperMessage, setPaperMessage] = useState<string | null>(null);
  // With the script running, the live controls replace the server-rendered plain form.
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add("js-live");
    root.setAttribute("data-live-ready", "");
    return () => {
      root.classList.remove("js-live");
      root.removeAttribute("data-live-ready");
    };
  }, []);
  if (joinError) {
    return <p role="alert" className="alert">{joinError === "unauthenticated" ? t("loginFirst") : t("notAllowed")}</p>;
  }
  if (!view) {
    return (
      <>
        <ConnectionBanner connection={connection} />
        <p>{t("connecting")}</p>
      </>
    );
  }
  const isChair = roles.includes("chair");
  const motion = view.motion;
  const isCounter = motion?.state === "open" && motion.method === "paper" && me && motion.counterIds.includes(me.personId);
  const isScrutineer = motion?.state === "open" && motion.method === "paper" && me && motion.scrutineerIds.includes(me.personId);
  const run = async (event: string, payload: Record<string, unknown>) => {
    const reply = await send(event, payload);
    setPaperMessage(reply.ok ? null : tErr(reply.error.code as "internal"));
    return reply.ok;
  };
  return (
    <div className="live-room" data-version={view.version}>
      <ConnectionBanner connection={connection} />
      <MeetingHeader view={view} />
      {isChair ? (
        <>
          {me?.isMember && motion?.state === "open" ? <MemberPhone view={view} me={me} send={send} /> : null}
          <ChairConsole view={view} send={send} />
        </>
      ) : (
        <>
          {me?.isMember ? <MemberPhone view={view} me={me} send={send} /> : <p className="hint">{t("observer.intro")}</p>}
          {isCounter ? <TotalsForm run={run} motionId={motion.id} label={t("chair.enterTotals")} /> : null}
          {isScrutineer ? <p><button type="button" onClick={() => run("vote:totals", { motionId: motion.id, kind: "confirm" })}>{t("chair.confirmTotals")}</button></p> : null}
          {paperMessage ? <p role="alert" className="alert">{paperMessage}</p> : null}
          <CurrentItem view={view} />
          <MotionPanel view={view} />
          <QuorumPanel view={view} />
          <SpeakersPanel view={view} />
          <AnnouncedList view={view} />
        </>
      )}
    </div>
  );
}
