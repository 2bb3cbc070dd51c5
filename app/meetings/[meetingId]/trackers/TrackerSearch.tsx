"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { normalizeTracker } from "@/server/domain/meeting/ballotTracker";

type Motion = { id: string; text: string; trackers: string[] };
type Outcome = { kind: "found"; tracker: string; motion: Motion } | { kind: "notFound"; tracker: string } | { kind: "invalid" } | null;

/** Looks a tracker up in the published lists, in the browser: what is typed is never sent anywhere. */
export function TrackerSearch({ motions }: { motions: Motion[] }) {
  const t = useTranslations("trackers");
  const [value, setValue] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);

  function search(input: string) {
    const tracker = normalizeTracker(input);
    if (!tracker) {
      setOutcome({ kind: "invalid" });
      return;
    }
    const motion = motions.find((m) => m.trackers.includes(tracker));
    document.querySelectorAll(".tracker-list li.match").forEach((li) => li.classList.remove("match"));
    if (!motion) {
      setOutcome({ kind: "notFound", tracker });
      return;
    }
    setOutcome({ kind: "found", tracker, motion });
    const item = document.getElementById(`t-${motion.id}-${tracker}`);
    item?.classList.add("match");
    item?.scrollIntoView({ block: "center" });
  }

  // A QR from the voter's own device carries the tracker after "#": the browser keeps it, the server never sees it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on arrival and on a new fragment only, not on every render of the search
  useEffect(() => {
    const fromHash = () => {
      const tracker = decodeURIComponent(window.location.hash.slice(1));
      if (!tracker) return;
      setValue(tracker);
      search(tracker);
    };
    fromHash();
    // An address that differs only after "#" does not reload the page.
    window.addEventListener("hashchange", fromHash);
    return () => window.removeEventListener("hashchange", fromHash);
  }, []);

  return (
    <form
      className="panel tracker-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        search(value);
      }}
    >
      <label htmlFor="tracker-input">{t("searchLabel")}</label>
      <div className="tracker-search-row">
        <input
          id="tracker-input"
          type="text"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
        />
        <button type="submit">{t("searchButton")}</button>
      </div>
      <p role="status" className={outcome?.kind === "found" ? "ok-line" : outcome ? "alert" : undefined}>
        {outcome?.kind === "found" ? t("found", { tracker: outcome.tracker, motion: outcome.motion.text }) : null}
        {outcome?.kind === "notFound" ? t("notFound", { tracker: outcome.tracker }) : null}
        {outcome?.kind === "invalid" ? t("invalid") : null}
      </p>
    </form>
  );
}
