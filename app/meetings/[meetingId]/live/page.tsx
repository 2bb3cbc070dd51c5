import { getTranslations } from "next-intl/server";
import { LiveRoom } from "./LiveRoom";
import { PlainVote } from "./PlainVote";
import "../../live.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("live");
  return { title: `${t("title")} · 议事` };
}

/** The live meeting for the chair, members and observers; who sees what is decided by the server on join. */
export default async function LivePage({ params, searchParams }: {
  params: Promise<{ meetingId: string }>;
  searchParams: Promise<{ voted?: string; error?: string }>;
}) {
  const { meetingId } = await params;
  const { voted, error } = await searchParams;
  return (
    <>
      <PlainVote meetingId={meetingId} voted={voted} error={error} />
      <LiveRoom meetingId={meetingId} />
    </>
  );
}
