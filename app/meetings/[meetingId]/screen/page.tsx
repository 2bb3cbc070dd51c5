import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { projectorOf } from "@/server/queries/joinMeeting";
import { joinUrl, qrSvg } from "@/server/web/joinUrl";
import { Projector } from "./Projector";
import "../../live.css";

export const dynamic = "force-dynamic";

/** /meetings/<id>/screen: the projector. Shows only what observers may see, so it needs no login. */
export default async function ScreenPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const meeting = await projectorOf(meetingId);
  if (!meeting) notFound();
  const url = joinUrl(meeting.shortCode, await headers());
  return <Projector meetingId={meetingId} qrSvg={await qrSvg(url)} joinUrl={url} />;
}
