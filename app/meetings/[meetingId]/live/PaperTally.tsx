"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { useHydrated } from "@/app/components/useHydrated";
import { LIVE_COMMANDS } from "@/server/protocol/live";
import type { LiveView } from "@/server/queries/liveMeeting";
import type { MemberView } from "@/server/queries/memberView";
import { type Run, type Send, TotalsForm } from "./ChairControls";

/**
 * A paper ballot's count on the phones of the two people the chair named: the counter (计票人) enters the totals,
 * the scrutineer (监票人) confirms them. Nobody else sees this, so it is its own chunk.
 */
export function PaperTally({ motion, me, send }: { motion: NonNullable<LiveView["motion"]>; me: MemberView; send: Send }) {
  const t = useTranslations("live");
  const tErr = useTranslations("errors");
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run: Run = async (event, payload) => {
    const reply = await send(event, payload);
    // Only the totals reach here (entered or confirmed).
    const totals = payload as { kind?: string; yes?: number; no?: number; abstain?: number };
    if (!reply.ok) setMessage({ ok: false, text: tErr(reply.error.code as "internal") });
    else if (totals.kind === "confirm") setMessage({ ok: true, text: t("paper.confirmed") });
    else setMessage({ ok: true, text: t("paper.saved", { yes: Number(totals.yes), no: Number(totals.no), abstain: Number(totals.abstain) }) });
    return reply.ok;
  };
  const isCounter = motion.counterIds.includes(me.personId);
  const isScrutineer = motion.scrutineerIds.includes(me.personId);
  if (!isCounter && !isScrutineer) return null;
  return (
    // Disabled until hydrated: a form submitted before its script ran would reload the page and lose the counts.
    <fieldset className="live-controls" disabled={!hydrated}>
      {isCounter ? <TotalsForm run={run} motionId={motion.id} label={t("chair.enterTotals")} /> : null}
      {isScrutineer ? (
        <p>
          <button type="button" onClick={() => run(LIVE_COMMANDS.totals, { motionId: motion.id, kind: "confirm" })}>
            {t("chair.confirmTotals")}
          </button>
        </p>
      ) : null}
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "card" : "alert"}>
          {message.text}
        </p>
      ) : null}
    </fieldset>
  );
}
