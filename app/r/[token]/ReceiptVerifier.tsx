"use client";

import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { type ProofVerdict, verifyTlogProofInBrowser } from "@/server/domain/proof/verifyInBrowser";

const CHOICES = new Set(["yes", "no", "abstain"]);

function chinaTime(instant: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(instant);
}

/**
 * Checks the receipt in this browser (server/domain/proof: no network, no crypto.subtle) when the page has loaded,
 * and again on request, and says in words what was proved or what failed.
 */
export function ReceiptVerifier(props: { proof: string; logKeys: string[]; witnessKeys: string[]; checkpointSignedAt: string }) {
  const t = useTranslations("receipt");
  const locale = useLocale();
  const [verdict, setVerdict] = useState<ProofVerdict | null>(null);
  const [checks, setChecks] = useState(0);
  const { proof, logKeys, witnessKeys } = props;
  const check = useCallback(() => {
    setVerdict(verifyTlogProofInBrowser(proof, { logKey: logKeys, witnessKeys }));
    setChecks((n) => n + 1);
  }, [proof, logKeys, witnessKeys]);
  useEffect(() => check(), [check]);

  const choiceWord = (choice: unknown) => (typeof choice === "string" && CHOICES.has(choice) ? t(`choice.${choice}`) : String(choice));
  let body: React.ReactNode;
  if (verdict === null) {
    body = <p>{t("page.checking")}</p>;
  } else if (verdict.ok) {
    const { entry } = verdict;
    const castBy = entry.data.castByPersonId !== entry.data.voterPersonId && entry.actor ? entry.actor.name : null;
    const firstWitness = verdict.signedAt;
    body = (
      <>
        <p className="receipt-verdict-title">
          {t("page.verified", {
            choice: choiceWord(entry.data.choice),
            index: entry.seq,
            time: chinaTime(new Date(props.checkpointSignedAt), locale),
          })}
        </p>
        {entry.action === "vote.changed" ? <p>{t("page.changed", { previous: choiceWord(entry.data.previous) })}</p> : null}
        {castBy ? <p>{t("page.castBy", { name: castBy })}</p> : null}
        {verdict.witnessedBy.length > 0 && firstWitness ? (
          <p>{t("page.witnessed", { witnesses: verdict.witnessedBy.map((w) => w.name).join("、"), time: chinaTime(firstWitness, locale) })}</p>
        ) : null}
        <p className="hint">{t("page.proves")}</p>
      </>
    );
  } else {
    body = (
      <>
        <p className="receipt-verdict-title">{t("page.failedTitle")}</p>
        <p>{t(`page.failed.${verdict.reason}`)}</p>
        <p>{t("page.whatToDo")}</p>
      </>
    );
  }
  const tone = verdict === null ? "" : verdict.ok ? " ok" : " bad";
  return (
    <section aria-live="polite" className={`receipt-verdict${tone}`} data-checks={checks}>
      {body}
      <p className="hint">{t("page.offline")}</p>
      <p>
        <button type="button" className="secondary" onClick={check} disabled={verdict === null}>
          {t("page.again")}
        </button>
      </p>
    </section>
  );
}
