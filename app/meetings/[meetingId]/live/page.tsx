import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { joinMeetingWithMe } from "@/server/queries/joinMeeting";
import { LiveRoom } from "./LiveRoom";
import { PlainVote } from "./PlainVote";
import type { Joined } from "./useLiveMeeting";
import "../../live.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("live");
  return { title: `${t("title")} · 议事` };
}

/**
 * Run while the HTML is parsed, before the first paint: the live controls will start, so the plain form is hidden now
 * rather than at hydration, when the swap would make the page jump (Lighthouse's CLS). Should the script bundle never
 * start (a phone's flaky network), the plain form comes back after 10 s; LiveRoom marks the page ready when it runs.
 */
const EARLY_LIVE = `(function(){var d=document.documentElement;d.classList.add("js-live");setTimeout(function(){if(!d.hasAttribute("data-live-ready"))d.classList.remove("js-live")},10000)})()`;

/**
 * What the socket's join will answer, read here too: the page paints complete on first load (no "connecting" then a
 * jump when the state arrives, Lighthouse's LCP and CLS on a phone). Null where the join is refused: the client
 * then says why, as before.
 */
async function initialState(meetingId: string): Promise<Joined | null> {
  const account = await currentAccount();
  try {
    return await joinMeetingWithMe(meetingId, account ? { accountId: account.id, name: account.name, personId: account.personId } : null);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

/** The live meeting for the chair, members and observers; who sees what is decided by the server on join. */
export default async function LivePage({
  params,
  searchParams,
}: {
  params: Promise<{ meetingId: string }>;
  searchParams: Promise<{ voted?: string; error?: string }>;
}) {
  const { meetingId } = await params;
  const { voted, error } = await searchParams;
  const initial = await initialState(meetingId);
  // The Content Security Policy allows inline scripts by this request's nonce only (proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours, allowed by this request's CSP nonce */}
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: EARLY_LIVE }} />
      <PlainVote meetingId={meetingId} voted={voted} error={error} />
      <LiveRoom meetingId={meetingId} initial={initial} />
    </>
  );
}
