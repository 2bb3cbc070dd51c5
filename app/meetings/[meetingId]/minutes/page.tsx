import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { caretColor } from "@/server/minutes/caretColor";
import { minutesPage } from "@/server/queries/minutesPage";
import { minutesWitnesses } from "@/server/queries/townshipParticipation";
import { MinutesLive } from "./MinutesLive";
import { SignaturesPanel, WitnessRequests } from "./SignaturesPanel";
import { StatusPanel } from "./StatusPanel";
import { TownshipWitnessPanel } from "./TownshipWitnessPanel";
import "./minutes.css";

export const dynamic = "force-dynamic";

const DONE = new Set(["finalize", "sign", "correct"]);
/** Steps of the paper and assisted signatures (their words are in the signoff namespace). */
const SIGNOFF_DONE = new Set(["paper", "assisted", "witness", "witnessed"]);

/** 会议记录: the live minutes (record blocks + free text), their finalizing, sign-off and exports. */
export default async function MinutesPage({
  params,
  searchParams,
}: {
  params: Promise<{ meetingId: string }>;
  searchParams: Promise<{ done?: string; error?: string; reason?: string }>;
}) {
  const { meetingId } = await params;
  const { done, error, reason } = await searchParams;
  const account = await currentAccount();
  const page = await minutesPage(account?.id ?? null, meetingId);
  if (!page) notFound();
  const t = await getTranslations("minutes");
  const tErrors = await getTranslations("errors");
  const tSignoff = await getTranslations("signoff");
  const tTown = await getTranslations("townPart");
  if (!page.access.capabilities.canRead) {
    return (
      <div className="minutes-page">
        <h1>{t("title")}</h1>
        {account ? (
          <p>{t("notAllowed")}</p>
        ) : (
          <p>
            {t("loginFirst")} <a href="/login">{t("login")}</a>
          </p>
        )}
      </div>
    );
  }
  const { capabilities } = page.access;
  const user = capabilities.canEdit && account ? { name: account.name, color: caretColor(account.id) } : null;
  const base = `/meetings/${meetingId}/minutes`;
  return (
    <div className="minutes-page">
      <h1>{t("pageTitle", { meeting: `${page.meeting.bodyName} ${page.meeting.number}` })}</h1>
      <p className="hint">{capabilities.canEdit ? t("intro") : t("readOnlyIntro")}</p>
      {done && DONE.has(done) ? (
        <p className="notice" role="status">
          {t(`${done as "finalize" | "sign" | "correct"}.done`)}
        </p>
      ) : null}
      {done && SIGNOFF_DONE.has(done) ? (
        <p className="notice" role="status">
          {tSignoff(done === "witnessed" ? "witness.signed" : `${done as "paper" | "assisted" | "witness"}.done`)}
        </p>
      ) : null}
      {done === "townshipWitness" ? (
        <p className="notice" role="status">
          {tTown("witnessDone")}
        </p>
      ) : null}
      {error ? (
        <p className="alert" role="alert">
          {reason && tTown.has(`reasons.${reason}`)
            ? tTown(`reasons.${reason}` as "reasons.not_attending")
            : reason && tSignoff.has(`reasons.${reason}`)
              ? tSignoff(`reasons.${reason}` as "reasons.complete")
              : tErrors.has(error)
                ? tErrors(error)
                : tErrors("internal")}
        </p>
      ) : null}
      <WitnessRequests meetingId={meetingId} access={page.access} />
      <MinutesLive meetingId={meetingId} initialBlocks={page.blocks} initialCanEdit={capabilities.canEdit} user={user} />
      <StatusPanel meetingId={meetingId} access={page.access} />
      <SignaturesPanel meetingId={meetingId} access={page.access} />
      <TownshipWitnessPanel meetingId={meetingId} witnesses={await minutesWitnesses(account?.id ?? null, meetingId)} />
      <nav className="minutes-links" aria-label={t("title")}>
        {page.access.status.latest ? (
          <>
            <a className="button secondary" href={`${base}/print`}>
              {t("links.print")}
            </a>
            <a className="button secondary" href={`${base}/pdf`}>
              {t("links.pdf")}
            </a>
          </>
        ) : null}
        <a className="button secondary" href={`${base}/versions`}>
          {t("links.versions")}
        </a>
      </nav>
    </div>
  );
}
