"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { useHydrated } from "@/app/components/useHydrated";
import type { Choice } from "@/server/domain/meeting";
import { LIVE_COMMANDS } from "@/server/protocol/live";
import type { LiveView } from "@/server/queries/liveMeeting";
import { OpenVoteForm, RosterPanel, type Run, type Send, TotalsForm } from "./ChairControls";
import { ConfirmDialog } from "./ConfirmDialog";
import { AnnouncedList, MotionPanel } from "./MotionPanel";
import { ProcedureWarnings } from "./ProcedureWarnings";
import { QuorumPanel, SpeakersPanel } from "./panels";

/**
 * The chair's console: always shows the meeting's state; every step is a button with a visible name, usable by
 * keyboard; closing a vote and adjourning ask for confirmation first.
 */
export function ChairConsole({ view, send }: { view: LiveView; send: Send }) {
  const t = useTranslations("live");
  const tErr = useTranslations("errors");
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"close" | "adjourn" | null>(null);
  const [hands, setHands] = useState<Record<string, Choice>>({});
  const motion = view.motion;
  const inSession = view.meeting.state === "in_session";
  const hydrated = useHydrated();

  const run: Run = async (event, payload) => {
    const reply = await send(event, payload);
    if (reply.ok) {
      setError(null);
      return true;
    }
    setError(
      `${tErr(reply.error.code as "internal")}${reply.error.code === "quorum_not_met" || reply.error.code === "conflict" ? `（${reply.error.message}）` : ""}`,
    );
    return false;
  };

  return (
    // One disabled fieldset holds every control until the console has hydrated (see useHydrated).
    <fieldset className="chair-console live-controls" disabled={!hydrated}>
      <h2 className="visually-hidden">{t("chair.console")}</h2>
      {error ? (
        <div role="alert" className="alert">
          {error}
        </div>
      ) : null}

      <div className="chair-grid">
        {/* The running column stays in view (sticky) while the chair scrolls the roster: its actions come first. */}
        <div className="chair-running">
          {inSession ? (
            <div className="chair-actions" role="group" aria-label={t("chair.runningActions")}>
              <button
                type="button"
                className={motion?.state === "open" || motion?.state === "closed" ? "secondary" : undefined}
                onClick={() => run(LIVE_COMMANDS.startItem, {})}
              >
                {t("chair.nextItem")}
              </button>
              {motion?.state === "open" ? (
                <button type="button" onClick={() => setConfirm("close")}>
                  {t("chair.closeVote")}
                </button>
              ) : null}
              {motion?.state === "closed" ? (
                <button type="button" onClick={() => run(LIVE_COMMANDS.announce, { motionId: motion.id })}>
                  {t("chair.announce")}
                </button>
              ) : null}
            </div>
          ) : null}
          {inSession && view.agenda.some((i) => i.isCurrent) && (!motion || motion.state === "announced") ? <OpenVoteForm view={view} run={run} /> : null}
          <MotionPanel view={view} />
          {motion?.state === "open" && motion.method === "paper" ? (
            <p className="hint" role="status">
              {motion.enteredTotals
                ? `${t("paper.entered", { yes: motion.enteredTotals.yes, no: motion.enteredTotals.no, abstain: motion.enteredTotals.abstain })} · ${motion.enteredTotals.confirmed ? t("paper.scrutinized") : t("paper.awaiting")}`
                : t("paper.notEntered")}
            </p>
          ) : null}
          {motion?.state === "open" && motion.method === "hands_totals" ? <TotalsForm run={run} motionId={motion.id} label={t("chair.enterTotals")} /> : null}
          {motion?.state === "open" && motion.method === "hands_named" ? (
            <form
              className="panel"
              onSubmit={(e) => {
                e.preventDefault();
                void run(LIVE_COMMANDS.totals, {
                  motionId: motion.id,
                  kind: "hands_named",
                  votes: Object.entries(hands).map(([voterPersonId, choice]) => ({ voterPersonId, choice })),
                });
              }}
            >
              <h3>{t("chair.handsNamed")}</h3>
              {(view.roster ?? [])
                .filter((m) => m.status !== "absent")
                .map((m) => (
                  <fieldset key={m.personId} className="hands-row">
                    <legend>{m.name}</legend>
                    {(["yes", "no", "abstain"] as const).map((c) => (
                      <label key={c} className="radio">
                        <input
                          type="radio"
                          name={`hands-${m.personId}`}
                          value={c}
                          checked={hands[m.personId] === c}
                          onChange={() => setHands({ ...hands, [m.personId]: c })}
                        />
                        {t(`choice.${c}`)}
                      </label>
                    ))}
                  </fieldset>
                ))}
              <button type="submit">{t("chair.saveHands")}</button>
            </form>
          ) : null}
          <AgendaOverview view={view} />
        </div>
        <div className="chair-side">
          <div className="toolbar" role="toolbar" aria-label={t("chair.console")}>
            {view.meeting.state === "scheduled" ? (
              <button type="button" onClick={() => run(LIVE_COMMANDS.openMeeting, {})}>
                {t("chair.openMeeting")}
              </button>
            ) : null}
            {inSession ? (
              <button type="button" className="secondary" onClick={() => setConfirm("adjourn")}>
                {t("chair.adjourn")}
              </button>
            ) : null}
            <a className="button secondary" href={`/j/${view.meeting.shortCode}`}>
              {t("chair.joinLink")}
            </a>
            <a className="button secondary" href={`/meetings/${view.meeting.id}/screen`} target="_blank" rel="noreferrer">
              {t("chair.screen")}
            </a>
            <a className="button secondary" href={`/meetings/${view.meeting.id}/minutes`}>
              {t("chair.minutes")}
            </a>
          </div>
          <ProcedureWarnings view={view} />
          <QuorumPanel view={view} />
          <SpeakersPanel view={view}>
            {(personId) =>
              inSession ? (
                <button type="button" className="small" onClick={() => run(LIVE_COMMANDS.grant, { action: "grant", personId })}>
                  {t("chair.grant")}
                </button>
              ) : null
            }
          </SpeakersPanel>
          {view.speakers.current ? (
            <p>
              <button type="button" className="secondary" onClick={() => run(LIVE_COMMANDS.grant, { action: "finish" })}>
                {t("chair.finish")}
              </button>
            </p>
          ) : null}
          <RosterPanel view={view} run={run} />
          <AnnouncedList view={view} />
        </div>
      </div>

      <ConfirmDialog
        open={confirm !== null}
        title={confirm === "close" ? t("chair.closeVote") : t("chair.adjourn")}
        confirmLabel={confirm === "close" ? t("chair.closeVote") : t("chair.adjourn")}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          const action = confirm;
          setConfirm(null);
          if (action === "close" && motion) await run(LIVE_COMMANDS.closeVote, { motionId: motion.id });
          if (action === "adjourn") await run(LIVE_COMMANDS.adjourn, {});
        }}
      >
        <p>{confirm === "close" ? t("chair.closeConfirm") : t("chair.adjournConfirm")}</p>
      </ConfirmDialog>
    </fieldset>
  );
}

/** The agenda at a glance: every item in order, the current one marked in words (not by colour alone). */
function AgendaOverview({ view }: { view: LiveView }) {
  const t = useTranslations("live");
  return (
    <section className="panel agenda-overview" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t("chair.agenda")}</h2>
      <ol>
        {view.agenda.map((item) => (
          <li key={item.id} aria-current={item.isCurrent ? "step" : undefined} className={item.isCurrent ? "current" : undefined}>
            {item.isCurrent ? (
              <strong className="current-item">
                {item.position}. {item.title}
                <span className="agenda-now">（{t("chair.currentMark")}）</span>
              </strong>
            ) : (
              `${item.position}. ${item.title}`
            )}
          </li>
        ))}
      </ol>
      {view.agenda.length === 0 ? <p className="hint">{t("noItem")}</p> : null}
    </section>
  );
}
