import { getTranslations } from "next-intl/server";
import { LiveRoom } from "./LiveRoom";
import "../../live.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("live");
  return { title: `${t("title")} · 议事` };
}

/** The live meeting for the chair, members and observers; who sees what is decided by the server on join. */
export default async function LivePage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return <LiveRoom meetingId={meetingId} />;
}
