"use client";

import { useEffect, useMemo, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { LiveView } from "@/server/queries/liveMeeting";

type Lang = "zh-CN" | "en";

export function useLang(): Lang {
  return useLocale() === "en" ? "en" : "zh-CN";
}

/** 「已断开，正在重连」 as soon as the socket drops (within the 2 s the UX rules allow). */
export function ConnectionBanner({ connection }: { connection: "connecting" | "online" | "offline" }) {
  const t = useTranslations("live");
  if (connection === "online") return null;
  return (
    <div role="status" aria-live="assertive" className={`live-banner ${connection}`}>
      {connection === "offline" ? t("reconnecting") : t("connecting")}
    </div>
  );
}

export function MeetingHeader({ view }: { view: LiveView }) {
  const t = useTranslations("live");
  const lang = useLang();
  return (
    <header className="live-header">
      <h1>
        {view.meeting.bodyName} · {view.meeting.number}
      </h1>
      <p className="live-meta">
        <span className={`state-chip state-${view.meeting.state}`}>{t("stateLabel", { state: t(`state.${view.meeting.state}` as "state.scheduled") })}</span>
        <span>{view.meeting.bodyKindName[lang]}</span>
        <span>{view.meeting.place}</span>
      </p>
    </header>
  );
}

export function QuorumPanel({ view }: { view: LiveView }) {
  const t = useTranslations("live");
  const lang = useLang();
  const { attendance } = view;
  return (
    <section className={`panel quorum ${attendance.quorum.met ? "met" : "not-met"}`} aria-labelledby="quorum-title">
      <h2 id="quorum-title">{t("attendance")}</h2>
      <p className="quorum-status">
        <span aria-hidden="true">{attendance.quorum.met ? "✔" : "✘"}</span> {attendance.quorum.met ? t("quorumMet") : t("quorumNotMet")}
      </p>
      <dl className="facts">
        <dt>{t("expected")}</dt>
        <dd>{attendance.expected}</dd>
        <dt>{t("present")}</dt>
        <dd>
          {attendance.present}
          {attendance.presentOnline > 0 ? `（${t("online")} ${attendance.presentOnline}）` : ""}
          {attendance.presentByProxy > 0 ? `（${t("byProxy")} ${attendance.presentByProxy}）` : ""}
        </dd>
        {attendance.nonVoting.length > 0 ? (
          <>
            <dt>{t("nonVoting")}</dt>
            <dd>{attendance.nonVoting.map((n) => (n.title ? `${n.name}（${n.title}）` : n.name)).join("、")}</dd>
          </>
        ) : null}
      </dl>
      <p className="hint">{attendance.quorum.explanation[lang]}</p>
    </section>
  );
}

export function CurrentItem({ view }: { view: LiveView }) {
  const t = useTranslations("live");
  const locale = useLocale();
  const current = view.agenda.find((item) => item.isCurrent);
  return (
    <section className="panel" aria-labelledby="item-title">
      <h2 id="item-title">{t("currentItem")}</h2>
      <p className="current-item">{current ? `${current.position}. ${current.title}` : t("noItem")}</p>
      {current?.preReview ? (
        <p className="pre-review" data-testid="pre-review">
          {t("preReviewed", {
            title: current.preReview.title,
            name: current.preReview.name,
            at: new Date(current.preReview.at).toLocaleString(locale === "en" ? "en" : "zh-CN", {
              timeZone: "Asia/Shanghai",
              dateStyle: "medium",
              timeStyle: "short",
            }),
          })}
        </p>
      ) : null}
    </section>
  );
}

function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/** Seconds left of the current speech, counted on this device from the server's grant time and clock. */
export function useRemaining(view: LiveView): number | null {
  const current = view.speakers.current;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  // The offset between the server's clock and this device's, taken once when the state arrives. Taken at every
  // render instead, it cancels the device's own clock out and the countdown stands still between broadcasts.
  const skew = useMemo(() => Date.parse(view.serverTime) - Date.now(), [view.serverTime]);
  if (!current?.limitSeconds) return null;
  const elapsed = Math.floor((now + skew - Date.parse(current.grantedAt)) / 1_000);
  return Math.max(0, current.limitSeconds - elapsed);
}

export function SpeakersPanel({ view, children }: { view: LiveView; children?: (personId: string) => React.ReactNode }) {
  const t = useTranslations("live");
  const remaining = useRemaining(view);
  return (
    <section className="panel" aria-labelledby="speakers-title">
      <h2 id="speakers-title">{t("speakers")}</h2>
      {view.speakers.current ? (
        <p className={`speaking ${remaining !== null && remaining <= 30 ? "ending" : ""}`}>
          {t("speaking", { name: view.speakers.current.name })}
          {remaining !== null ? ` · ${t("remaining", { time: formatSeconds(remaining) })}` : ""}
        </p>
      ) : null}
      {view.speakers.queue.length === 0 ? (
        <p className="hint">{t("noSpeakers")}</p>
      ) : (
        <>
          <h3>{t("queue")}</h3>
          <ol>
            {view.speakers.queue.map((s) => (
              <li key={s.personId}>
                {s.name} {children?.(s.personId)}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export { formatSeconds };
