"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { useHydrated } from "@/app/components/useHydrated";
import { type CommandReply, LIVE_COMMANDS, type LiveCommandEvent, type LiveCommandPayloads } from "@/server/protocol/live";
import type { LiveView } from "@/server/queries/liveMeeting";
import type { MemberView } from "@/server/queries/memberView";
import { readSavedTrackers, saveTracker } from "../trackers/savedTrackers";
import { ConfirmDialog } from "./ConfirmDialog";
import { newClientId } from "./clientId";
import { useLang } from "./panels";
import type { Send } from "./useLiveMeeting";
import { VoteReceiptPanel } from "./VoteReceiptPanel";

type Choice = "yes" | "no" | "abstain";
const CHOICES: Choice[] = ["yes", "no", "abstain"];

/** The member's phone: 签到, 申请发言, 回避, and the big 同意 / 反对 / 弃权 buttons with a confirmation step. */
export function MemberPhone({ view, me, send }: { view: LiveView; me: MemberView; send: Send }) {
  const t = useTranslations("live");
  const tErr = useTranslations("errors");
  const lang = useLang();
  // A message belongs to the item (and, for a vote, the motion) it answers: it is not shown into the next one.
  const [message, setMessage] = useState<{ text: string; itemId: string | null; motionId: string | null } | null>(null);
  const [running, setRunning] = useState(false);
  // Disabled while a command runs, and until this component has hydrated (see useHydrated).
  const hydrated = useHydrated();
  const busy = running || !hydrated;
  const [pending, setPending] = useState<{ voterPersonId: string; choice: Choice; clientId: string } | null>(null);
  const [recuseReason, setRecuseReason] = useState("");
  const motion = view.motion;
  const currentItem = view.agenda.find((i) => i.isCurrent);
  const isRecused = currentItem ? me.recusedItemIds.includes(currentItem.id) : false;
  const isCheckedIn = me.attendance !== "absent";
  const ownNamedBallot = me.ballots.find((b) => b.isOwn);

  const tTrackers = useTranslations("trackers");
  // A secret ballot's tracker, kept only on this device (issue #19): read back after a reload or a later visit.
  const [savedTracker, setSavedTracker] = useState<string | null>(null);
  const motionId = motion?.id ?? null;
  useEffect(() => {
    setSavedTracker(motionId ? (readSavedTrackers().find((s) => s.motionId === motionId)?.tracker ?? null) : null);
  }, [motionId]);
  const ballotsRef = useRef<HTMLElement | null>(null);
  const scrolledFor = useRef<string | null>(null);
  const voting = motion?.state === "open" && (motion.method === "named" || motion.method === "secret");
  const canVote = voting && me.ballots.length > 0;
  // When a vote opens, its buttons are brought into view (a phone's page may be scrolled anywhere, or the header
  // and the speakers' panel may fill the screen) — once per motion, so that the member can still scroll away.
  useEffect(() => {
    if (!canVote || !motion || scrolledFor.current === motion.id || !ballotsRef.current) return;
    scrolledFor.current = motion.id;
    const section = ballotsRef.current;
    section.scrollIntoView({ block: "start" });
    const choices = section.querySelector(".choices");
    if (choices && choices.getBoundingClientRect().bottom > window.innerHeight) choices.scrollIntoView({ block: "end" });
    section.querySelector<HTMLElement>("h2")?.focus({ preventScroll: true });
  }, [canVote, motion]);

  /** Runs a command; the words of its reply belong to the item (and the motion, when `forMotion`) it was sent for. */
  async function run<E extends LiveCommandEvent>(event: E, payload: LiveCommandPayloads[E], success: (data: CommandReply<E>) => string, forMotion = false) {
    const scope = { itemId: currentItem?.id ?? null, motionId: forMotion ? (motion?.id ?? null) : null };
    setRunning(true);
    const reply = await send(event, payload);
    setRunning(false);
    setMessage({ ...scope, text: reply.ok ? success(reply.data) : tErr(reply.error.code as "internal") });
  }
  const shownMessage =
    message && message.itemId === (currentItem?.id ?? null) && (message.motionId === null || message.motionId === motion?.id) ? message.text : null;

  async function confirmVote() {
    if (!pending || !motion) return;
    const vote = pending;
    setPending(null);
    await run(
      LIVE_COMMANDS.castVote,
      { motionId: motion.id, voterPersonId: vote.voterPersonId, choice: vote.choice, clientId: vote.clientId },
      (data) => {
        const tracker = data.result.tracker;
        if (tracker) {
          saveTracker({ meetingId: view.meeting.id, motionId: motion.id, motionText: motion.text, tracker, savedAt: new Date().toISOString() });
          setSavedTracker(tracker);
        }
        return tracker ? t("ballotRecorded", { tracker }) : t("voteRecorded", { choice: t(`choice.${vote.choice}`) });
      },
      true,
    );
  }

  return (
    <div className="member-phone">
      {!isCheckedIn ? (
        <button type="button" className="big-action" disabled={busy} onClick={() => run(LIVE_COMMANDS.checkIn, { method: "self" }, () => t("checkInDone"))}>
          {t("checkIn")}
        </button>
      ) : (
        <p className="ok-line">
          <span aria-hidden="true">✔</span> {t("checkedIn")}
        </p>
      )}

      {voting && isRecused ? <p className="notice">{t("recused")}</p> : null}
      {voting && !isRecused && me.ballots.length === 0 ? <p className="notice">{t("notEntitled")}</p> : null}
      {canVote ? (
        <section className="panel ballots" aria-labelledby="ballot-title" ref={ballotsRef}>
          <h2 id="ballot-title" tabIndex={-1}>
            {t("vote")}：{motion.text}
          </h2>
          {motion.rule ? (
            <p className="vote-rule-sentence ballot-rule">
              <strong>{motion.rule.sentence[lang]}</strong>
            </p>
          ) : null}
          <p className="hint">{motion.method === "named" ? t("canChange") : t("secretFinal")}</p>
          {me.ballots.map((ballot) => (
            <fieldset key={ballot.voterPersonId} className="ballot">
              <legend>{ballot.isOwn ? t("ownVote") : t("proxyVote", { name: ballot.voterName })}</legend>
              {ballot.hasVoted ? (
                <p className="ok-line">
                  <span aria-hidden="true">✔</span> {ballot.choice ? t("yourVote", { choice: t(`choice.${ballot.choice}` as "choice.yes") }) : t("ballotCast")}
                </p>
              ) : null}
              {motion.method === "named" || !ballot.hasVoted ? (
                <div className="choices">
                  {CHOICES.map((choice) => (
                    <button
                      key={choice}
                      type="button"
                      className={`choice choice-${choice}${ballot.choice === choice ? " chosen" : ""}`}
                      disabled={busy}
                      aria-pressed={ballot.choice === choice}
                      onClick={() => setPending({ voterPersonId: ballot.voterPersonId, choice, clientId: newClientId() })}
                    >
                      <span aria-hidden="true" className="choice-icon">
                        {t(`choiceIcon.${choice}`)}
                      </span>
                      {t(`choice.${choice}`)}
                    </button>
                  ))}
                </div>
              ) : null}
            </fieldset>
          ))}
        </section>
      ) : null}

      <p role="status" className={shownMessage ? "card" : "visually-hidden"}>
        {shownMessage}
      </p>
      {motion?.method === "secret" && savedTracker ? (
        <section className="panel tracker-saved" aria-labelledby="tracker-title">
          <h2 id="tracker-title">{tTrackers("yourTracker")}</h2>
          <p className="tracker-code">{savedTracker}</p>
          <p className="hint">{tTrackers("savedHint")}</p>
          <p>
            <a className="button secondary" href={`/meetings/${view.meeting.id}/trackers/mine`}>
              {tTrackers("printView")}
            </a>{" "}
            <a href={`/meetings/${view.meeting.id}/trackers`}>{tTrackers("checkList")}</a>
          </p>
        </section>
      ) : null}
      {motion?.method === "named" && ownNamedBallot?.hasVoted ? <VoteReceiptPanel motionId={motion.id} choice={ownNamedBallot.choice ?? null} /> : null}

      {isCheckedIn && currentItem && view.meeting.state === "in_session" ? (
        <section className="panel" aria-label={t("speakers")}>
          {me.hasRequestedFloor ? (
            <>
              <p>{t("floorRequested")}</p>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => run(LIVE_COMMANDS.floor, { withdraw: true }, () => t("floorWithdrawn"))}
              >
                {t("withdrawFloor")}
              </button>
            </>
          ) : (
            <button type="button" disabled={busy} onClick={() => run(LIVE_COMMANDS.floor, {}, () => t("floorRequestSent"))}>
              {t("requestFloor")}
            </button>
          )}
        </section>
      ) : null}

      {currentItem && !isRecused && motion?.itemId !== currentItem.id && view.meeting.state !== "adjourned" ? (
        <details className="panel">
          <summary>{t("recuse")}</summary>
          <label htmlFor="recuse-reason">{t("recuseReason")}</label>
          <input id="recuse-reason" type="text" value={recuseReason} onChange={(e) => setRecuseReason(e.target.value)} />
          <p>
            <button
              type="button"
              className="secondary"
              disabled={busy || recuseReason.trim().length < 2}
              onClick={() =>
                run(LIVE_COMMANDS.recuse, { itemId: currentItem.id, reason: recuseReason.trim() }, () =>
                  t("recusalRecorded", { item: currentItem.title, reason: recuseReason.trim() }),
                )
              }
            >
              {t("recuseSubmit")}
            </button>
          </p>
        </details>
      ) : null}

      <ConfirmDialog open={pending !== null} title={t("confirmTitle")} onConfirm={confirmVote} onCancel={() => setPending(null)}>
        <p className="confirm-question">{pending ? t("confirmQuestion", { choice: t(`choice.${pending.choice}`) }) : ""}</p>
      </ConfirmDialog>
    </div>
  );
}
