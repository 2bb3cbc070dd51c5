"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { LIVE_COMMANDS, type LiveCommandEvent, type LiveCommandPayloads } from "@/server/protocol/live";
import type { LiveView } from "@/server/queries/liveMeeting";
import { VoteRuleBox } from "./MotionPanel";
import { useLang } from "./panels";

export type { Send } from "./useLiveMeeting";
/** Sends a command and shows its error in words; true when it succeeded. */
export type Run = <E extends LiveCommandEvent>(event: E, payload: LiveCommandPayloads[E]) => Promise<boolean>;

/** Roll call: each roster member's status with one-tap buttons; written proxies only where the law allows them. */
export function RosterPanel({ view, run }: { view: LiveView; run: Run }) {
  const t = useTranslations("live.chair");
  const [proxyFor, setProxyFor] = useState<string | null>(null);
  const [holder, setHolder] = useState("");
  const [note, setNote] = useState("");
  const [nonVoting, setNonVoting] = useState({ name: "", affiliation: "" });
  const roster = view.roster ?? [];
  const open = view.meeting.state === "scheduled" || view.meeting.state === "in_session";
  return (
    <section className="panel" aria-labelledby="roster-title">
      <h2 id="roster-title">{t("roster")}</h2>
      <ul className="roster">
        {roster.map((m) => (
          <li key={m.personId}>
            <span className="roster-name">{m.name}</span>
            <span className={`roster-status status-${m.status}`}>{t(`status.${m.status}` as "status.absent")}</span>
            {open ? (
              <span className="roster-actions">
                <button
                  type="button"
                  className="secondary small"
                  aria-pressed={m.status === "present_in_person"}
                  aria-label={`${m.name} ${t("markPresent")}`}
                  onClick={() => run(LIVE_COMMANDS.attendance, { personId: m.personId, status: "present_in_person" })}
                >
                  {t("markPresent")}
                </button>
                <button
                  type="button"
                  className="secondary small"
                  aria-pressed={m.status === "present_online"}
                  aria-label={`${m.name} ${t("markOnline")}`}
                  onClick={() => run(LIVE_COMMANDS.attendance, { personId: m.personId, status: "present_online" })}
                >
                  {t("markOnline")}
                </button>
                <button
                  type="button"
                  className="secondary small"
                  aria-pressed={m.status === "absent"}
                  aria-label={`${m.name} ${t("markAbsent")}`}
                  onClick={() => run(LIVE_COMMANDS.attendance, { personId: m.personId, status: "absent" })}
                >
                  {t("markAbsent")}
                </button>
                {view.meeting.allowsProxy ? (
                  <button
                    type="button"
                    className="secondary small"
                    aria-pressed={m.status === "proxy"}
                    aria-label={`${m.name} ${t("markProxy")}`}
                    onClick={() => setProxyFor(m.personId)}
                  >
                    {t("markProxy")}
                  </button>
                ) : null}
              </span>
            ) : null}
            {proxyFor === m.personId ? (
              <form
                className="inline-form"
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (await run(LIVE_COMMANDS.attendance, { personId: m.personId, status: "proxy", proxyHolderId: holder, authorizationNote: note }))
                    setProxyFor(null);
                }}
              >
                <label htmlFor={`holder-${m.personId}`}>{t("proxyHolder")}</label>
                <select id={`holder-${m.personId}`} value={holder} onChange={(e) => setHolder(e.target.value)} required>
                  <option value="" />
                  {roster
                    .filter((r) => r.personId !== m.personId)
                    .map((r) => (
                      <option key={r.personId} value={r.personId}>
                        {r.name}
                      </option>
                    ))}
                </select>
                <label htmlFor={`note-${m.personId}`}>{t("proxyNote")}</label>
                <input id={`note-${m.personId}`} type="text" value={note} onChange={(e) => setNote(e.target.value)} required />
                <button type="submit">{t("proxySave")}</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {open ? (
        <form
          className="inline-form non-voting-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await run(LIVE_COMMANDS.nonVoting, { name: nonVoting.name, ...(nonVoting.affiliation ? { affiliation: nonVoting.affiliation } : {}) }))
              setNonVoting({ name: "", affiliation: "" });
          }}
        >
          <h3>{t("addNonVoting")}</h3>
          <div className="field">
            <label htmlFor="nv-name">{t("nonVotingName")}</label>
            <input id="nv-name" type="text" value={nonVoting.name} onChange={(e) => setNonVoting({ ...nonVoting, name: e.target.value })} required />
          </div>
          <div className="field">
            <label htmlFor="nv-aff">{t("nonVotingAffiliation")}</label>
            <input id="nv-aff" type="text" value={nonVoting.affiliation} onChange={(e) => setNonVoting({ ...nonVoting, affiliation: e.target.value })} />
          </div>
          <button type="submit" className="secondary">
            {t("addNonVoting")}
          </button>
        </form>
      ) : null}
    </section>
  );
}

const METHODS = ["named", "secret", "hands_named", "hands_totals", "paper"] as const;

/**
 * 开始表决: the motion's text, method and kind of matter. With a matter linked to the item its kind is shown
 * read-only and decides the rule (the server refuses any other); without one the chair must choose — no default.
 * The rule, with the exact number of yes votes needed, is shown before the vote opens.
 */
export function OpenVoteForm({ view, run }: { view: LiveView; run: Run }) {
  const t = useTranslations("live");
  const lang = useLang();
  const [text, setText] = useState("");
  const [method, setMethod] = useState<(typeof METHODS)[number]>("named");
  const [chosenKind, setChosenKind] = useState("");
  const linkedKind = view.nextVote?.linkedKind ?? null;
  const matterKind = linkedKind ?? chosenKind;
  const rule = view.nextVote?.rules.find((r) => r.matterKind === matterKind) ?? null;
  const linkedName = linkedKind ? ((view.matterKinds ?? []).find((m) => m.kind === linkedKind)?.name[lang] ?? rule?.matterName[lang] ?? linkedKind) : null;
  const [counter, setCounter] = useState("");
  const [scrutineer, setScrutineer] = useState("");
  const roster = view.roster ?? [];
  return (
    <form
      className="panel open-vote-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const paper = method === "paper" ? { counters: [counter], scrutineers: [scrutineer] } : {};
        if (await run(LIVE_COMMANDS.openVote, { text, method, matterKind, ...paper })) setText("");
      }}
    >
      <h2>{t("vote")}</h2>
      <label htmlFor="motion-text">{t("chair.motionText")}</label>
      <input id="motion-text" type="text" value={text} onChange={(e) => setText(e.target.value)} required />
      <label htmlFor="motion-method">{t("chair.method")}</label>
      <select id="motion-method" value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}>
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`method.${m}`)}
          </option>
        ))}
      </select>
      {linkedKind ? (
        <>
          <label htmlFor="motion-matter">{t("chair.matterKindFixed")}</label>
          <input id="motion-matter" type="text" value={linkedName ?? ""} readOnly aria-describedby="vote-rule-preview" />
        </>
      ) : (
        <>
          <label htmlFor="motion-matter">{t("chair.matterKind")}</label>
          <select id="motion-matter" value={chosenKind} onChange={(e) => setChosenKind(e.target.value)} required aria-describedby="vote-rule-preview">
            <option value="">{t("chair.chooseMatterKind")}</option>
            {(view.matterKinds ?? []).map((m) => (
              <option key={m.kind} value={m.kind}>
                {m.name[lang]}
              </option>
            ))}
          </select>
        </>
      )}
      <section className="vote-rule-preview" aria-label={t("rule.title")}>
        <h3>{t("rule.title")}</h3>
        {rule ? (
          <VoteRuleBox rule={rule} id="vote-rule-preview" />
        ) : (
          <p id="vote-rule-preview" className="hint">
            {t("rule.chooseKind")}
          </p>
        )}
      </section>
      {method === "paper" ? (
        <>
          <label htmlFor="counter">{t("chair.counters")}</label>
          <select id="counter" value={counter} onChange={(e) => setCounter(e.target.value)} required>
            <option value="" />
            {roster.map((r) => (
              <option key={r.personId} value={r.personId}>
                {r.name}
              </option>
            ))}
          </select>
          <label htmlFor="scrutineer">{t("chair.scrutineers")}</label>
          <select id="scrutineer" value={scrutineer} onChange={(e) => setScrutineer(e.target.value)} required>
            <option value="" />
            {roster.map((r) => (
              <option key={r.personId} value={r.personId}>
                {r.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <p>
        <button type="submit">{t("chair.openVote")}</button>
      </p>
    </form>
  );
}

/** Counts not cast on phones: totals of a show of hands or of paper ballots (entered by a counter). */
export function TotalsForm({ run, motionId, label }: { run: Run; motionId: string; label: string }) {
  const t = useTranslations("live");
  const [totals, setTotals] = useState({ yes: "", no: "", abstain: "" });
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(LIVE_COMMANDS.totals, { motionId, kind: "totals", yes: Number(totals.yes), no: Number(totals.no), abstain: Number(totals.abstain) });
      }}
    >
      <h3>{label}</h3>
      {(["yes", "no", "abstain"] as const).map((c) => (
        <span key={c}>
          <label htmlFor={`total-${c}`}>{t(`choice.${c}`)}</label>
          <input
            id={`total-${c}`}
            type="text"
            inputMode="numeric"
            pattern="[0-9]*"
            value={totals[c]}
            onChange={(e) => setTotals({ ...totals, [c]: e.target.value })}
            required
          />
        </span>
      ))}
      <button type="submit">{t("chair.saveTotals")}</button>
    </form>
  );
}
