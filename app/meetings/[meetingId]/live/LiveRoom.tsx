"use client";

import { lazy, Suspense, useEffect } from "react";
import { useTranslations } from "use-intl";
import { AnnouncedList, MotionPanel } from "./MotionPanel";
import { ConnectionBanner, CurrentItem, MeetingHeader, QuorumPanel, SpeakersPanel } from "./panels";
import { type Joined, useLiveMeeting } from "./useLiveMeeting";

// Each audience's controls are their own chunks: an observer's phone (the public page, no login) loads neither the
// chair's console nor the member's voting buttons. They are rendered on the server like the rest of the page; in the
// browser each chunk is fetched when hydration reaches it. React.lazy rather than next/dynamic, whose runtime would
// add about 2 kB gzip to every audience's first load.
const ChairConsole = lazy(() => import("./ChairConsole").then((m) => ({ default: m.ChairConsole })));
const MemberPhone = lazy(() => import("./MemberPhone").then((m) => ({ default: m.MemberPhone })));
const PaperTally = lazy(() => import("./PaperTally").then((m) => ({ default: m.PaperTally })));

/** One page for everyone in the room: the chair's console, a member's phone, or an observer's view. */
export function LiveRoom({ meetingId, initial }: { meetingId: string; initial: Joined | null }) {
  const t = useTranslations("live");
  const { view, me, roles, connection, joinError, send } = useLiveMeeting(meetingId, { initial });
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
    return (
      <p role="alert" className="alert">
        {joinError === "unauthenticated" ? t("loginFirst") : t("notAllowed")}
      </p>
    );
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
  return (
    <div className="live-room" data-version={view.version}>
      <ConnectionBanner connection={connection} />
      <MeetingHeader view={view} />
      {isChair ? (
        <>
          {me?.isMember && motion?.state === "open" ? (
            <Suspense fallback={null}>
              <MemberPhone view={view} me={me} send={send} />
            </Suspense>
          ) : null}
          <Suspense fallback={null}>
            <ChairConsole view={view} send={send} />
          </Suspense>
        </>
      ) : (
        <>
          {me?.isMember ? (
            <Suspense fallback={null}>
              <MemberPhone view={view} me={me} send={send} />
            </Suspense>
          ) : (
            <p className="hint">{t("observer.intro")}</p>
          )}
          {motion?.state === "open" && motion.method === "paper" && me ? (
            <Suspense fallback={null}>
              <PaperTally motion={motion} me={me} send={send} />
            </Suspense>
          ) : null}
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
