"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { TIME_ZONE } from "@/app/i18n/locales";
import type { LiveView } from "@/server/queries/liveMeeting";
import { VoteRuleBox } from "../live/MotionPanel";
import { ConnectionBanner, CurrentItem, QuorumPanel, SpeakersPanel, useLang } from "../live/panels";
import { useLiveMeeting } from "../live/useLiveMeeting";

/** The smallest the projector shrinks its text to (of the size set by the viewport) before it lets a long text wrap. */
const MIN_SCALE = 0.55;

/**
 * The hall's projector (1920×1080, 1280×720 and anything of that shape): current item, quorum, the vote with the
 * number needed and its progress, or the announced counts in large numbers; the speaker's clock. Sizes follow the
 * viewport, and when a long motion or explanation would not fit, the text shrinks step by step until it does: a
 * projector cannot be scrolled.
 */
export function Projector({ meetingId, qrSvg, joinUrl }: { meetingId: string; qrSvg: string; joinUrl: string }) {
  const t = useTranslations("live");
  const { view, connection } = useLiveMeeting(meetingId, { publicView: true });
  const [clock, setClock] = useState("");
  const screenRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const format = new Intl.DateTimeFormat("zh-CN", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: TIME_ZONE });
    const tick = () => setClock(format.format(new Date()));
    tick();
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, []);
  useFitToScreen(screenRef, view);
  return (
    <div className="screen" ref={screenRef}>
      <div className="screen-main">
        <ConnectionBanner connection={connection} />
        {view ? (
          <>
            <h1>
              {view.meeting.bodyName} · {view.meeting.number}
            </h1>
            <CurrentItem view={view} />
            <ScreenMotion view={view} />
            <SpeakersPanel view={view} />
          </>
        ) : (
          <p>{t("connecting")}</p>
        )}
      </div>
      <aside className="screen-side" aria-label={t("screen.scanToJoin")}>
        <div className="screen-clock" role="timer" aria-label={t("screen.clock")}>
          {clock}
        </div>
        {view ? <QuorumPanel view={view} /> : null}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the join QR code is an SVG the server drew from our own URL (qrcode), no user text */}
        <div className="screen-qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <p>{t("screen.scanToJoin")}</p>
        <p className="screen-url">{joinUrl}</p>
      </aside>
    </div>
  );
}

/** The vote as the back row reads it: the number needed while it is open, the three counts once announced. */
function ScreenMotion({ view }: { view: LiveView }) {
  const t = useTranslations("live");
  const lang = useLang();
  const motion = view.motion;
  if (!motion) return null;
  const result = motion.result;
  const needed = result?.yesRequired ?? motion.rule?.yesRequired;
  return (
    <section className="panel motion" aria-labelledby="motion-title" aria-live="polite">
      <h2 id="motion-title">
        {t("vote")}：{motion.text}
      </h2>
      {result ? (
        <div className={`result ${result.passed ? "passed" : "failed"}`}>
          <p className="result-verdict">
            <span aria-hidden="true">{result.passed ? "✔" : "✘"}</span> {t("result")}：{result.passed ? t("passed") : t("notPassed")}
          </p>
          <dl className="screen-counts">
            {(["yes", "no", "abstain"] as const).map((choice) => (
              <div key={choice} className={`screen-count count-${choice}`}>
                <dt>{t(`choice.${choice}`)}</dt>
                <dd>{result.tally[choice]}</dd>
              </div>
            ))}
            <div className="screen-count count-needed">
              <dt>{t("screen.needed")}</dt>
              <dd>{result.yesRequired}</dd>
            </div>
          </dl>
          <p className="result-against">
            {t("rule.against", { yes: result.tally.yes, needed: result.yesRequired, verdict: result.passed ? t("passed") : t("notPassed") })}
          </p>
          <p className="screen-explanation">{result.explanation[lang]}</p>
        </div>
      ) : (
        <>
          <p className="hint">{t(`method.${motion.method}` as "method.named")}</p>
          <dl className="screen-counts">
            {needed !== undefined ? (
              <div className="screen-count count-needed">
                <dt>{t("screen.needed")}</dt>
                <dd>{needed}</dd>
              </div>
            ) : null}
            {motion.state === "open" ? (
              <div className="screen-count count-cast">
                <dt>{t("screen.cast")}</dt>
                <dd>
                  {motion.castCount}
                  <small> / {motion.entitledCount}</small>
                </dd>
              </div>
            ) : null}
          </dl>
          {/* What will decide, as on every screen (issue #16): the body, the matter's kind and who set it, the number needed. */}
          {motion.rule ? (
            <div className="screen-rule">
              <VoteRuleBox rule={motion.rule} />
            </div>
          ) : null}
          {motion.state === "open" ? (
            <>
              <p className="progress">{t("progress", { cast: motion.castCount, entitled: motion.entitledCount })}</p>
              <progress
                max={motion.entitledCount}
                value={motion.castCount}
                aria-label={t("progress", { cast: motion.castCount, entitled: motion.entitledCount })}
              />
            </>
          ) : (
            <p className="screen-awaiting">{t("awaitingAnnouncement")}</p>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Shrinks the projector's text (the --screen-scale custom property) until nothing overflows the screen, whenever
 * the state or the window changes. Starts again from full size each time, so a short text is never left small.
 */
function useFitToScreen(ref: React.RefObject<HTMLDivElement | null>, view: LiveView | null): void {
  const [size, setSize] = useState<string>("");
  useEffect(() => {
    const onResize = () => setSize(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: view and size are the triggers: the screen is measured again whenever its content or the window changes
  useLayoutEffect(() => {
    const screen = ref.current;
    if (!screen) return;
    const overflows = () => [...screen.children].some((column) => column.scrollHeight > column.clientHeight + 1 || column.scrollWidth > column.clientWidth + 1);
    let scale = 1;
    screen.style.setProperty("--screen-scale", String(scale));
    while (overflows() && scale > MIN_SCALE) {
      scale = Math.max(MIN_SCALE, scale * 0.92);
      screen.style.setProperty("--screen-scale", scale.toFixed(3));
    }
  }, [ref, view, size]);
}
